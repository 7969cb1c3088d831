using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// Events moved aside because their grains could not apply them (docs/decisions.md, "Exactly
/// once and poison events"): an administrator reads them, retries one after a fix, or discards it.
/// </summary>
public static class DeadLetterEndpoints
{
    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/dead-letters", ListAsync).WithTags("Dead letters").WithName("ListDeadLetters")
            .WithDescription("Events that could not be applied, each with its error and status (open, retried, discarded), newest first; ?status= keeps one status. Admins only.")
            .WithSummary("Events moved aside (dead-lettered) with their error, newest first; ?status=open|retried|discarded")
            .Produces<DeadLetterList>().ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        api.MapPost("/admin/dead-letters/{id}/retry", RetryAsync).WithTags("Dead letters").WithName("RetryDeadLetter")
            .WithDescription("Publishes the event again on its dealership's stream; the grains that had applied it skip it. 409 when the dead letter is not open. Admins only.")
            .WithSummary("Put an open dead letter's event back on its dealership's stream (its grains skip what they applied)")
            .Produces<DeadLetterView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Admin);
        api.MapPost("/admin/dead-letters/{id}/discard", DiscardAsync).WithTags("Dead letters").WithName("DiscardDeadLetter")
            .WithDescription("Closes the dead letter without applying its event; who discarded it is recorded and announced in the notification feed. 409 when it is not open. Admins only.")
            .WithSummary("Close an open dead letter without applying its event; who did it is recorded and announced")
            .Produces<DeadLetterView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    public sealed record DeadLetterList(IReadOnlyList<DeadLetterView> Items);

    /// <summary>One dead letter: the event (its envelope and data as accepted), why it was moved aside, and what was done.</summary>
    public sealed record DeadLetterView(
        long Id, string Status, string Source, string EventId, string Type, string DealershipId, DateTimeOffset OccurredAt,
        object Data, string Error, int Attempts, DateTimeOffset DeadLetteredAt, string? ResolvedBy, DateTimeOffset? ResolvedAt)
    {
        public static DeadLetterView Of(DeadLetter letter) => new(
            letter.Id, StatusName(letter.Status), letter.Event.Source, letter.Event.Id, letter.Event.Data.Type, letter.Event.DealershipId,
            letter.Event.OccurredAt, letter.Event.Data, letter.Error, letter.Attempts, letter.At, letter.ResolvedBy, letter.ResolvedAt);
    }

    private static IDeadLettersGrain Letters(IGrainFactory grains) => grains.Reference<IDeadLettersGrain>(IDeadLettersGrain.Key);

    private static async Task<IResult> ListAsync(string? status, IGrainFactory grains)
    {
        DeadLetterStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DeadLetterStatus>(status, ignoreCase: true, out var parsed) || StatusName(parsed) != status)
            {
                return Problems.Invalid(FieldErrors.Of("status", "must be one of open, retried, discarded"));
            }

            wanted = parsed;
        }

        var letters = await Letters(grains).ListAsync(wanted);
        return TypedResults.Ok(new DeadLetterList([.. letters.Select(DeadLetterView.Of)]));
    }

    private static async Task<IResult> RetryAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        LetterId(id) is { } letterId ? Answer(await Letters(grains).RetryAsync(letterId, new Caller(user).Name)) : Problems.Invalid(BadId);

    private static async Task<IResult> DiscardAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        LetterId(id) is { } letterId ? Answer(await Letters(grains).DiscardAsync(letterId, new Caller(user).Name)) : Problems.Invalid(BadId);

    private static FieldErrors BadId => FieldErrors.Of("id", "must be a dead letter's id, a positive whole number");

    private static long? LetterId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;

    private static IResult Answer(DeadLetterOutcome outcome) => outcome switch
    {
        { Found: false } => Problems.NotFound("dead letter"),
        { WasOpen: false, Letter: { } letter } => Problems.DeadLetterClosed(StatusName(letter.Status)),
        _ => TypedResults.Ok(DeadLetterView.Of(outcome.Letter!)),
    };

    private static string StatusName(DeadLetterStatus status) => WireNames.Of(status);
}
