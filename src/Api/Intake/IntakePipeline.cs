using System.Text.Json;
using Pitstop.Api.Security;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// One batch from validation to durable acceptance: parse every event, reject the invalid ones and
/// those of unknown dealerships, drop duplicates, claim the idempotency keys, reject reversals of
/// unknown, misfiled or reversed events, publish, and only then answer. Whatever this method has not finished when the process dies was never acknowledged.
/// </summary>
public sealed class IntakePipeline(EventParser parser, IEventKeyStore keys, EventPublisher publisher, KnownDealerships dealerships, ReversalChecks reversals, AppliedWaits waits)
{
    /// <param name="expectApplied">
    /// The client will wait for its events to be applied: their routers are told before they are
    /// published, so that no delivery can pass unnoticed.
    /// </param>
    public async Task<IngestedBatch> IngestAsync(IReadOnlyList<JsonElement> batch, Caller caller, bool expectApplied, CancellationToken cancellation)
    {
        var rejected = new List<RejectedEvent>();
        var valid = new List<(int Index, DmsEvent Event)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var parsed = parser.Parse(batch[i]);
            if (parsed.Event is { } e)
            {
                valid.Add((i, e));
            }
            else
            {
                rejected.Add(new RejectedEvent(i, parsed.Id, parsed.Errors.ToDictionary()));
            }
        }

        var known = await RejectOutOfScopeAsync(await RejectUnknownDealershipsAsync(valid, rejected), rejected, caller);
        var unique = known.DistinctBy(e => e.Event.Key).ToList();
        var claimed = unique.Count == 0
            ? new HashSet<EventKey>()
            : await keys.ClaimAsync(unique.Select(e => e.Event.Key).ToList(), cancellation);
        var (checkedEvents, reversalKeys) = await reversals.CheckAsync(
            unique.Where(e => claimed.Contains(e.Event.Key)).ToList(), rejected, cancellation);
        var toPublish = checkedEvents.Select(e => e.Event).ToList();
        if (toPublish.Count > 0)
        {
            if (expectApplied)
            {
                await waits.ExpectAsync(toPublish);
            }

            await publisher.PublishAsync(toPublish, cancellation);
            await keys.MarkPublishedAsync([.. toPublish.Select(e => new PublishedKey(e.Key, e.DealershipId)), .. reversalKeys], cancellation);
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        // Rejected reversals were claimed but are neither accepted nor duplicates.
        return new IngestedBatch(
            new IntakeAnswer(toPublish.Count, known.Count - claimed.Count, rejected),
            checkedEvents,
            [.. unique.Where(e => !claimed.Contains(e.Event.Key))]);
    }

    /// <summary>An ingest credential scoped to some dealerships or states posts only their events (api.md).</summary>
    private async Task<List<(int Index, DmsEvent Event)>> RejectOutOfScopeAsync(
        List<(int Index, DmsEvent Event)> valid, List<RejectedEvent> rejected, Caller caller)
    {
        // The usual caller (an unscoped DMS key, an admin) costs no lookup per event.
        if (caller.CoversAll)
        {
            return valid;
        }

        var inScope = new List<(int Index, DmsEvent Event)>(valid.Count);
        foreach (var (index, e) in valid)
        {
            if (caller.Covers(e.DealershipId, await dealerships.StateOfAsync(e.DealershipId)))
            {
                inScope.Add((index, e));
            }
            else
            {
                rejected.Add(new RejectedEvent(index, e.Id, new Dictionary<string, string[]>
                {
                    ["dealershipId"] = ["is outside this credential's scope"],
                }));
            }
        }

        return inScope;
    }

    private async Task<List<(int Index, DmsEvent Event)>> RejectUnknownDealershipsAsync(
        List<(int Index, DmsEvent Event)> valid, List<RejectedEvent> rejected)
    {
        if (valid.Count == 0)
        {
            return valid;
        }

        var unknown = await dealerships.FindUnknownAsync(valid.Select(v => v.Event.DealershipId));
        if (unknown.Count == 0)
        {
            return valid;
        }

        foreach (var (index, e) in valid.Where(v => unknown.Contains(v.Event.DealershipId)))
        {
            rejected.Add(new RejectedEvent(index, e.Id, new Dictionary<string, string[]>
            {
                ["dealershipId"] = ["is not a registered dealership"],
            }));
        }

        return valid.Where(v => !unknown.Contains(v.Event.DealershipId)).ToList();
    }
}
