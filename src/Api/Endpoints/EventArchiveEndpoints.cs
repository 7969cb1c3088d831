using System.Globalization;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Archive;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The event archive (docs/decisions.md, "Event archive and what-if replays"): the events the
/// dealerships' streams applied, in archive order, with the program time each was applied at.
/// </summary>
public static class EventArchiveEndpoints
{
    public static RouteGroupBuilder MapEventArchive(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/events", ReadAsync).WithTags("Event archive").WithName("ReadEventArchive")
            .WithDescription("The archived events (those the dealerships' streams applied, kept for the retention Archive:Retention, 400 days by default) " +
                $"after the cursor after, in archive order (each dealership's stream order), limit at a time (default {Paging.DefaultLimit}, at most {Paging.MaxLimit}); " +
                "?dealershipId= keeps one dealership, ?from= and ?to= (RFC 3339) keep those that occurred in [from, to). Admins only.")
            .WithSummary("Archived events after a cursor, oldest first, by dealership and period")
            .Produces<ArchivePage>().ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    /// <summary>A page of the archive; pass <c>next</c> as <c>after</c> to read on.</summary>
    public sealed record ArchivePage(IReadOnlyList<ArchivedEventView> Items, string Next);

    /// <summary>One archived event: its envelope and data as accepted, its place in the archive and when it was applied (program time).</summary>
    public sealed record ArchivedEventView(
        long Seq, string Source, string EventId, string Type, string DealershipId, DateTimeOffset OccurredAt, DateTimeOffset AppliedAt, object Data)
    {
        public static ArchivedEventView Of(ArchivedEvent archived) => new(
            archived.Seq, archived.Event.Source, archived.Event.Id, archived.Event.Data.Type, archived.Event.DealershipId,
            archived.Event.OccurredAt, archived.AppliedAt, archived.Event.Data);
    }

    private static async Task<IResult> ReadAsync(string? dealershipId, string? from, string? to, string? after, string? limit, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var (position, size) = Paging.Read("after", after, limit, errors);
        if (dealershipId is not null && !IdRules.IsId(dealershipId))
        {
            errors.Add("dealershipId", IdRules.IdMessage);
        }

        var start = Time("from", from, DateTimeOffset.MinValue, errors);
        var end = Time("to", to, DateTimeOffset.MaxValue, errors);
        if (errors.IsEmpty && end <= start)
        {
            errors.Add("to", "must be later than from");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var items = await grains.Reference<IEventArchiveGrain>(IEventArchiveGrain.Key).ReadAsync(new ArchiveQuery(dealershipId, start, end, position, size));
        var next = items.Count > 0 ? items[^1].Seq : position;
        return TypedResults.Ok(new ArchivePage([.. items.Select(ArchivedEventView.Of)], Paging.Text(next)));
    }

    private static DateTimeOffset Time(string name, string? text, DateTimeOffset absent, FieldErrors errors)
    {
        if (text is null)
        {
            return absent;
        }

        if (FieldReader.IsRfc3339(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(name, "must be an RFC 3339 timestamp with offset, e.g. 2026-11-01T00:00:00+05:30");
        return absent;
    }
}
