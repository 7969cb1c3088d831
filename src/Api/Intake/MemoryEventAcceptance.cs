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
        var claimed = keys.Claim(events.Select(e => e.Key));
        var exclusive = events
            .Where(e => claimed.Contains(e.Key) && ReversalChecks.ExclusiveKeyOf(e) is not null)
            .Select(e => new ExclusiveClaim(ReversalChecks.ExclusiveKeyOf(e)!.Value, e.Key))
            .ToList();
        var held = keys.ClaimExclusive(exclusive);
        var refused = exclusive.Where(c => !held.Contains(c.Key)).Select(c => c.Claimant).ToHashSet();
        var accepted = events.Where(e => claimed.Contains(e.Key) && !refused.Contains(e.Key)).ToList();
        if (accepted.Count > 0)
        {
            // Bounded as in PostgreSQL; withdrawn, the claims stay unpublished and the retry takes them again.
            if (announce is not null && (await Announcements.FailedAsync([() => announce(accepted)])).Count > 0)
            {
                return new Admission(new HashSet<EventKey>(), refused, Unannounced: true);
            }

            await publisher.PublishAsync(accepted, cancellation);
            var dealerships = accepted.ToDictionary(e => e.Key, e => e.DealershipId);
            keys.MarkPublished([
                .. accepted.Select(e => new PublishedKey(e.Key, e.DealershipId)),
                .. exclusive.Where(c => held.Contains(c.Key)).Select(c => new PublishedKey(c.Key, dealerships[c.Claimant]))]);
        }

        return new Admission(accepted.Select(e => e.Key).ToHashSet(), refused);
    }
}
