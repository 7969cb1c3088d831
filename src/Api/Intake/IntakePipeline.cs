using System.Text.Json;
using Pitstop.Api.Security;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Streams;

namespace Pitstop.Api.Intake;

/// <summary>
/// One batch from validation to durable acceptance: parse every event, reject the invalid ones and
/// those of unknown dealerships, drop repeats, reject reversals of unknown or misfiled events, then
/// accept the rest in one step — new events recorded and put on their streams, duplicates told
/// apart, reversals of reversed events refused — and only then answer. Whatever this method has
/// not finished when the process dies was never acknowledged, and left nothing half-accepted.
/// </summary>
public sealed class IntakePipeline(EventParser parser, IEventAcceptance acceptance, KnownDealerships dealerships, ReversalChecks reversals, AppliedWaits waits)
{
    /// <param name="expectApplied">
    /// The client will wait for its events to be applied: their routers are told before the
    /// events can be delivered, so that no delivery can pass unnoticed.
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
        var candidates = await reversals.CheckAsync(unique, rejected, cancellation);
        var admission = candidates.Count == 0
            ? new Admission(new HashSet<EventKey>(), new HashSet<EventKey>())
            : await acceptance.AcceptAsync([.. candidates.Select(e => e.Event)], expectApplied ? waits.ExpectAsync : null, cancellation);
        if (admission.Unannounced)
        {
            // Answered 503 (UnavailableHandler): nothing of the batch was accepted, and the same batch sent again is new.
            throw new TimeoutException($"the dealerships' routers did not confirm within {Announcements.Bound.TotalSeconds:0} s that they expect the batch's events");
        }

        foreach (var (index, e) in candidates.Where(c => admission.Refused.Contains(c.Event.Key)))
        {
            rejected.Add(ReversalChecks.Rejection(index, e, "data.originalId", ReversalChecks.AlreadyReversed));
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        var accepted = candidates.Where(e => admission.Accepted.Contains(e.Event.Key)).ToList();
        var duplicates = candidates.Where(e => !admission.Accepted.Contains(e.Event.Key) && !admission.Refused.Contains(e.Event.Key)).ToList();
        // Refused reversals are neither accepted nor duplicates; a batch's repeats of an event are duplicates.
        var refusedKeys = unique.Count - candidates.Count + admission.Refused.Count;
        return new IngestedBatch(
            new IntakeAnswer(accepted.Count, known.Count - accepted.Count - refusedKeys, rejected),
            accepted,
            duplicates);
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
