using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The intake rules of <c>transaction.reversed</c> (events.md): the original must be an event the
/// engine accepted, for the dealership the reversal names, and an event is reversed at most once.
/// The last rule is kept in the idempotency record itself, under a key no real event can have ("~"
/// is not allowed in a source): a reversal is accepted only if it holds that key exclusively
/// (<see cref="ExclusiveKeyOf"/>, claimed by acceptance with the reversal's own key).
/// </summary>
public sealed class ReversalChecks(IEventKeyStore keys)
{
    private const string ReversalSource = "~reversal";

    public const string AlreadyReversed = "names an event that is already reversed";

    public static EventKey ReversalKeyOf(TransactionReversed reversal) => new(ReversalSource, $"{reversal.OriginalSource}:{reversal.OriginalId}");

    /// <summary>The key an event must hold exclusively to be accepted: a reversal's claim on its original; none for other events.</summary>
    public static EventKey? ExclusiveKeyOf(DmsEvent e) => e.Data is TransactionReversed reversal ? ReversalKeyOf(reversal) : null;

    /// <summary>
    /// Rejects (into <paramref name="rejected"/>) the reversals among <paramref name="candidates"/>
    /// whose original is unknown or of another dealership; returns the events left. Nothing is
    /// claimed for a reversal refused here, so the right one can still follow. Which of several
    /// reversals of one original is the first is for acceptance to say: a reversal sent again is a
    /// duplicate there, not a second reversal.
    /// </summary>
    public async Task<List<(int Index, DmsEvent Event)>> CheckAsync(
        List<(int Index, DmsEvent Event)> candidates, List<RejectedEvent> rejected, CancellationToken cancellation)
    {
        var reversals = candidates.Where(e => e.Event.Data is TransactionReversed).ToList();
        if (reversals.Count == 0)
        {
            return candidates;
        }

        var originals = await keys.FindPublishedAsync([.. reversals.Select(e => Original(e.Event))], cancellation);
        var refused = new HashSet<int>();
        foreach (var (index, e) in reversals)
        {
            if (!originals.TryGetValue(Original(e), out var dealershipId))
            {
                refused.Add(index);
                rejected.Add(Rejection(index, e, "data.originalId", "names no event accepted from that source"));
            }
            else if (dealershipId is not null && dealershipId != e.DealershipId)
            {
                // Not which dealership it was: a scoped credential learns nothing about others' events.
                refused.Add(index);
                rejected.Add(Rejection(index, e, "dealershipId", "must be the dealership of the original event"));
            }
        }

        return [.. candidates.Where(e => !refused.Contains(e.Index))];
    }

    /// <summary>A reversal refused at acceptance: another reversal holds its original.</summary>
    public static RejectedEvent Rejection(int index, DmsEvent e, string field, string error) =>
        new(index, e.Id, new Dictionary<string, string[]> { [field] = [error] });

    private static EventKey Original(DmsEvent e)
    {
        var reversal = (TransactionReversed)e.Data;
        return new EventKey(reversal.OriginalSource, reversal.OriginalId);
    }
}
