using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Streams;

namespace Pitstop.Api.Intake;

/// <summary>
/// Acceptance in the embedded mode, as durable as the process: keys claimed in memory, events
/// published on the memory streams, keys then marked published. A claim left unpublished (the
/// publish failed: the streams stayed full, or the routers could not be told to expect the events)
/// is taken again by the next request carrying the key.
/// </summary>
public sealed class MemoryEventAcceptance(InMemoryEventKeyStore keys, EventPublisher publisher) : IEventAcceptance
{
    public async Task<Admission> AcceptAsync(IReadOnlyList<DmsEvent> events, Func<IReadOnlyList<DmsEvent>, Task>? announce, CancellationToken cancellation)
    {
        var claimant = new object();
        var claimed = keys.Claim(events.Select(e => e.Key), claimant);
        var exclusive = events
            .Where(e => claimed.Contains(e.Key) && ReversalChecks.ExclusiveKeyOf(e) is not null)
            .Select(e => new ExclusiveClaim(ReversalChecks.ExclusiveKeyOf(e)!.Value, e.Key))
            .ToList();
        var held = keys.ClaimExclusive(exclusive);
        var refused = exclusive.Where(c => !held.Contains(c.Key)).Select(c => c.Claimant).ToHashSet();
        var accepted = events.Where(e => claimed.Contains(e.Key) && !refused.Contains(e.Key)).ToList();

        // Refused now, a reversal may be sent again and must be refused again, not taken for a duplicate.
        keys.Release(refused, claimant);
        if (accepted.Count > 0)
        {
            try
            {
                // Bounded as in PostgreSQL; withdrawn, the keys are given back and the same batch sent again is new.
                if (announce is not null && (await Announcements.FailedAsync([() => announce(accepted)])).Count > 0)
                {
                    keys.Release(accepted.Select(e => e.Key), claimant);
                    return new Admission(new HashSet<EventKey>(), refused, Unannounced: true);
                }

                // Each dealership's keys as soon as its events are on its stream: a failure with
                // another's gives back only what was not published.
                await publisher.PublishAsync(accepted, published => keys.MarkPublished(KeysOf(published, exclusive, held)), cancellation);
            }
            catch
            {
                keys.Release(accepted.Select(e => e.Key), claimant);
                throw;
            }
        }

        return new Admission(accepted.Select(e => e.Key).ToHashSet(), refused);
    }

    private static IEnumerable<PublishedKey> KeysOf(IReadOnlyList<DmsEvent> published, List<ExclusiveClaim> exclusive, HashSet<EventKey> held)
    {
        var dealerships = published.ToDictionary(e => e.Key, e => e.DealershipId);
        return [
            .. published.Select(e => new PublishedKey(e.Key, e.DealershipId)),
            .. exclusive.Where(c => held.Contains(c.Key) && dealerships.ContainsKey(c.Claimant)).Select(c => new PublishedKey(c.Key, dealerships[c.Claimant]))];
    }
}
