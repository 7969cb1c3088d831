using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The intake rules of <c>transaction.reversed</c> (events.md): the original must be an event the
/// engine accepted, for the dealership the reversal names, and an event is reversed at most once.
/// The last rule is kept in the idempotency record itself, under a key no real event can have ("~"
/// is not allowed in a source): claiming it, exclusively, is what makes a reversal the first.
/// </summary>
public sealed class ReversalChecks(IEventKeyStore keys)
{
    private const string ReversalSource = "~reversal";

    public static EventKey ReversalKeyOf(TransactionReversed reversal) => new(ReversalSource, $"{reversal.OriginalSource}:{reversal.OriginalId}");

    /// <summary>
    /// Rejects (into <paramref name="rejected"/>) the reversals among <paramref name="toPublish"/>
    /// whose original is unknown, of another dealership or already reversed; returns the events to
    /// publish and the reversal keys to mark published with them.
    /// </summary>
    public async Task<(List<(int Index, DmsEvent Event)> Events, List<PublishedKey> ReversalKeys)> CheckAsync(
        List<(int Index, DmsEvent Event)> toPublish, List<RejectedEvent> rejected, CancellationToken cancellation)
    {
        var reversals = toPublish.Where(e => e.Event.Data is TransactionReversed).ToList();
        if (reversals.Count == 0)
        {
            return (toPublish, []);
        }

        var originals = await keys.FindPublishedAsync([.. reversals.Select(e => Original(e.Event))], cancellation);
        var refused = new HashSet<int>();
        void Refuse(int index, DmsEvent e, string field, string error)
        {
            refused.Add(index);
            rejected.Add(new RejectedEvent(index, e.Id, new Dictionary<string, string[]> { [field] = [error] }));
        }

        // Nothing is claimed for a reversal refused here, so the right one can still follow.
        var candidates = new Dictionary<EventKey, (int Index, DmsEvent Event)>();
        foreach (var (index, e) in reversals)
        {
            if (!originals.TryGetValue(Original(e), out var dealershipId))
            {
                Refuse(index, e, "data.originalId", "names no event accepted from that source");
            }
            else if (dealershipId is not null && dealershipId != e.DealershipId)
            {
                // Not which dealership it was: a scoped credential learns nothing about others' events.
                Refuse(index, e, "dealershipId", "must be the dealership of the original event");
            }
            else if (!candidates.TryAdd(ReversalKeyOf((TransactionReversed)e.Data), (index, e)))
            {
                Refuse(index, e, "data.originalId", "names an event that is already reversed");
            }
        }

        var firsts = candidates.Count == 0
            ? new HashSet<EventKey>()
            : await keys.ClaimExclusiveAsync([.. candidates.Select(c => new ExclusiveClaim(c.Key, c.Value.Event.Key))], cancellation);
        foreach (var (_, (index, e)) in candidates.Where(c => !firsts.Contains(c.Key)))
        {
            Refuse(index, e, "data.originalId", "names an event that is already reversed");
        }

        return (
            [.. toPublish.Where(e => !refused.Contains(e.Index))],
            [.. candidates.Where(c => firsts.Contains(c.Key)).Select(c => new PublishedKey(c.Key, c.Value.Event.DealershipId))]);
    }

    private static EventKey Original(DmsEvent e)
    {
        var reversal = (TransactionReversed)e.Data;
        return new EventKey(reversal.OriginalSource, reversal.OriginalId);
    }
}
