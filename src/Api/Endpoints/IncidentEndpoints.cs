using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Api.Endpoints;

/// <summary>Service-recovery incidents (api.md, service recovery).</summary>
public static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidents(this RouteGroupBuilder api)
    {
        api.MapGet("/incidents/{id}", GetAsync).WithTags("Incidents").WithName("GetIncident")
            .WithDescription("Kind, severity, customer, dealership, opening and closing, the recovery (points, category, delivery, within the SLA or not), the day-7 and day-30 follow-ups and NPS before and after. Admins, regional leads, service heads, workshop managers and cx, within their scope.")
            .WithSummary("An incident: severity, recovery, follow-ups, NPS before and after").Produces<IncidentView>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.RecoveryRead);
        api.MapGet("/incidents", ListAsync).WithTags("Incidents").WithName("ListIncidents")
            .WithDescription("Incidents newest first, of one dealership (?dealershipId=) or of every dealership in the caller's scope, optionally of one status (open, closed, recovered), limit at a time with a cursor. Admins, regional leads, service heads, workshop managers and cx.")
            .WithSummary("Incidents newest first, of one dealership or of every dealership in scope").Produces<IncidentPage>().ProducesValidationProblem()
            .RequireAuthorization(Policies.RecoveryRead);
        api.MapPost("/incidents/{id}/follow-ups/{day}/complete", CompleteFollowUpAsync).WithTags("Incidents").WithName("CompleteFollowUp")
            .WithDescription("Records the day-7 or day-30 check-in as done with its outcome, an optional note and, optionally, whether the recovery exceeded, met or fell below the customer's expectations (expectations: exceeded | met | below; recovery analytics count the latest answer); answers the incident. The first completion of a day stands. 409 follow-up-not-scheduled when the incident has no such follow-up (they are scheduled once its recovery is delivered). Admins, cx, and regional leads in their states.")
            .WithSummary("Record a follow-up check-in as done").Accepts<FollowUpBody>("application/json").Produces<IncidentView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.FollowUps);
        api.MapPut("/incidents/{id}/note", SetNoteAsync).WithTags("Incidents").WithName("SetIncidentNote")
            .WithDescription("The note the dealership's manager adds to the recovery; the recovery notification carries it. Admins, cx, service heads and workshop managers, within their scope.")
            .WithSummary("The service manager's personal note, carried by the recovery notification").Accepts<NoteBody>("application/json").Produces<IncidentView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.IncidentNote);
        return api;
    }

    public sealed record FollowUpBody(string Outcome, string? Note, RecoveryExpectations? Expectations = null);

    public sealed record NoteBody(string Note);

    /// <summary>A page of incidents; pass <c>next</c> as <c>cursor</c> for older ones (null: no more).</summary>
    public sealed record IncidentPage(IReadOnlyList<IncidentListItem> Incidents, string? Next);

    public sealed record IncidentListItem(
        string IncidentId, IncidentKind Kind, IncidentSeverity Severity, IncidentStatus Status, string CustomerId, string DealershipId,
        DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, DateTimeOffset? DeliveredAt, long Points);

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        var (view, refused) = await FindAsync(id, new Caller(user), access, grains);
        return refused ?? TypedResults.Ok(view);
    }

    private static async Task<IResult> ListAsync(
        string? dealershipId, string? status, string? cursor, string? limit, ClaimsPrincipal user, Access access, KnownDealerships known, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        IncidentStatus? wanted = null;
        if (status is not null)
        {
            if (WireVocabularies.IncidentStatuses.TryParse(status, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add("status", $"must be one of {WireVocabularies.IncidentStatuses.Spellings}");
            }
        }

        var after = ReadCursor(cursor, errors);
        var (_, size) = Paging.Read("cursor", null, limit, errors);
        if (dealershipId is not null && !IdRules.IsId(dealershipId))
        {
            errors.Add("dealershipId", IdRules.IdMessage);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var caller = new Caller(user);
        IReadOnlyList<string> dealerships;
        if (dealershipId is not null)
        {
            if (await access.DealershipAsync(caller, dealershipId) is { } refused)
            {
                return refused;
            }

            if ((await known.FindUnknownAsync([dealershipId])).Count > 0)
            {
                return Problems.NotFound("dealership");
            }

            dealerships = [dealershipId];
        }
        else
        {
            var all = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
            dealerships = [.. all.Where(d => caller.Covers(d.Key, d.Value.State)).Select(d => d.Key)];
        }

        // Each desk answers its newest page after the cursor; the merged page is the newest of those.
        var pages = await Task.WhenAll(dealerships.Select(d => grains.Reference<IRecoveryDeskGrain>(d).ListAsync(wanted, after, size)));
        var page = pages.SelectMany(p => p).OrderBy(i => i.Position, IncidentPosition.NewestFirst).Take(size).ToList();
        var next = page.Count == size ? WriteCursor(page[^1].Position) : null;
        return TypedResults.Ok(new IncidentPage(
            [.. page.Select(i => new IncidentListItem(i.IncidentId, i.Kind, i.Severity, i.Status, i.CustomerId, i.DealershipId, i.OpenedAt, i.ClosedAt, i.DeliveredAt, i.Points))],
            next));
    }

    private static async Task<IResult> CompleteFollowUpAsync(
        string id, string day, HttpRequest request, ClaimsPrincipal user, Access access, IGrainFactory grains, CancellationToken cancellation)
    {
        var errors = new FieldErrors();
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var followUpDay) || followUpDay is < 1 or > 365)
        {
            errors.Add("day", "must be the day of a follow-up, e.g. 7 or 30");
        }

        if (!IdRules.IsIncidentId(id))
        {
            errors.Add("id", IdRules.IncidentIdMessage);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (_, refused) = await FindAsync(id, new Caller(user), access, grains);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(request, r => new FollowUpBody(r.Text("outcome"), r.OptionalText("note"), r.OptionalChoice("expectations", WireVocabularies.Expectations)), cancellation);
        if (body is null)
        {
            return problem!;
        }

        var outcome = await grains.Reference<IIncidentGrain>(id).CompleteFollowUpAsync(followUpDay, body.Outcome, body.Note, body.Expectations);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(outcome.Incident),
            FollowUpRefusal.NotScheduled => Problems.FollowUpNotScheduled(followUpDay),
            _ => Problems.NotFound("incident"),
        };
    }

    private static async Task<IResult> SetNoteAsync(
        string id, HttpRequest request, ClaimsPrincipal user, Access access, IGrainFactory grains, CancellationToken cancellation)
    {
        var (_, refused) = await FindAsync(id, new Caller(user), access, grains);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(request, r => new NoteBody(r.Text("note")), cancellation);
        if (body is null)
        {
            return problem!;
        }

        return await grains.Reference<IIncidentGrain>(id).SetNoteAsync(body.Note) is { } view ? TypedResults.Ok(view) : Problems.NotFound("incident");
    }

    /// <summary>
    /// The incident if the caller may see it. An incident no event has opened is 404 for a caller who sees every dealership
    /// and 403 for anyone scoped (a 404 would tell them what exists elsewhere).
    /// </summary>
    private static async Task<(IncidentView? View, IResult? Refused)> FindAsync(string id, Caller caller, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsIncidentId(id))
        {
            return (null, Problems.Invalid(FieldErrors.Of("id", IdRules.IncidentIdMessage)));
        }

        var view = await grains.Reference<IIncidentGrain>(id).GetAsync();
        if (view is null)
        {
            return (null, caller.CoversAll ? Problems.NotFound("incident") : Problems.Forbidden());
        }

        return (view, await access.DealershipAsync(caller, view.DealershipId));
    }

    // The cursor is opaque to clients: the position of the last incident of the page.
    private static string WriteCursor(IncidentPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{position.OpenedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}~{position.IncidentId}"));

    private static IncidentPosition? ReadCursor(string? cursor, FieldErrors errors)
    {
        if (cursor is null)
        {
            return null;
        }

        if (cursor.Length <= 400 && Base64Url.IsValid(cursor))
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split('~', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && IdRules.IsIncidentId(parts[1]))
            {
                return new IncidentPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            }
        }

        errors.Add("cursor", "must be a cursor returned as next, or absent to read from the newest");
        return null;
    }
}
