using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The intake rules of <c>transaction.reversed</c> (events.md): the original must be an event the
/// engine accepted, and an event is reversed at most once. The second rule is kept in the
/// idempotency record itself, under a key no real event can have ("~" is not allowed in a source):
/// claiming it is what makes a reversal the first.
/// </summary>
public sealed class ReversalChecks(IEventKeyStore keys)
{
    private const string ReversalSource = "~reversal";

    public static EventKey ReversalKeyOf(TransactionReversed reversal) => new(ReversalSource, $"{reversal.OriginalSource}:{reversal.OriginalId}");

    /// <summary>
    /// Rejects (into <paramref name="rejected"/>) the reversals among <paramref name="toPublish"/>
    /// whose original is unknown or already reversed; returns the events to publish and the
    /// reversal keys to mark published with them.
    /// </summary>
    public async Task<(List<(int Index, DmsEvent Event)> Events, List<EventKey> ReversalKeys)> CheckAsync(
        List<(int Index, DmsEvent Event)> toPublish, List<RejectedEvent> rejected, CancellationToken cancellation)
    {
        var reversals = toPublish.Where(e => e.Event.Data is TransactionReversed).ToList();
        if (reversals.Count == 0)
        {
            return (toPublish, []);
        }

        var originals = reversals.Select(e => Original(e.Event)).ToList();
        var known = await keys.FindPublishedAsync(originals, cancellation);
        var firsts = await keys.ClaimAsync(
            reversals.Where(e => known.Contains(Original(e.Event))).Select(e => ReversalKeyOf((TransactionReversed)e.Event.Data)).ToList(),
            cancellation);

        var refused = new HashSet<int>();
        var claimedInBatch = new HashSet<EventKey>();
        foreach (var (index, e) in reversals)
        {
            var reversalKey = ReversalKeyOf((TransactionReversed)e.Data);
            string? error = !known.Contains(Original(e)) ? "names no event accepted from that source"
                : !firsts.Contains(reversalKey) || !claimedInBatch.Add(reversalKey) ? "names an event that is already reversed"
                : null;
            if (error is not null)
            {
                refused.Add(index);
                rejected.Add(new RejectedEvent(index, e.Id, new Dictionary<string, string[]> { ["data.originalId"] = [error] }));
            }
        }

        return ([.. toPublish.Where(e => !refused.Contains(e.Index))], [.. claimedInBatch]);
    }

    private static EventKey Original(DmsEvent e)
    {
        var reversal = (TransactionReversed)e.Data;
        return new EventKey(reversal.OriginalSource, reversal.OriginalId);
    }
}
