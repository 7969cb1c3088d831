using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The transfer ids a budget has taken most recently, so that a member replaying an award after a
/// crash moves nothing twice. A bounded window: a replay comes from the retry of the same stream
/// delivery, whose router hands events out in chunks one after another and stops at the chunk that
/// failed, so fewer awards than one chunk can bring (<see cref="Intake.EventRouterGrain.EventsPerChunk"/>
/// × 16) arrive between an award and its replay. (The crash test once showed what happens without
/// chunks: a delivery of 88 queue messages re-asked for more awards than the window held, and the
/// budget counted them twice.)
/// </summary>
/// <remarks>
/// Held in memory only, and rebuilt when the budget activates from where every award it took is
/// durable — the journal, the outbox and the pending queue (<see cref="BudgetGrain"/>): written
/// with the budget's state, a full window (8,192 digests, 74 KB) went to storage on every settle
/// round of a dealership a few weeks old.
/// </remarks>
public sealed class RecentTransfers
{
    public const int Capacity = 8_192;

    // Digests in arrival order, oldest first; the map mirrors it for lookups, with the points taken.
    private readonly Queue<long> _order = new();
    private readonly Dictionary<long, long> _points = [];

    public int Count => _order.Count;

    public bool Contains(string transferId) => _points.ContainsKey(Digest(transferId));

    /// <summary>The points the budget took for <paramref name="transferId"/>; null when it is not in the window.</summary>
    public long? PointsOf(string transferId) => _points.TryGetValue(Digest(transferId), out var points) ? points : null;

    public void Add(string transferId, long points)
    {
        var digest = Digest(transferId);
        if (!_points.TryAdd(digest, points))
        {
            return;
        }

        _order.Enqueue(digest);
        if (_order.Count > Capacity)
        {
            _points.Remove(_order.Dequeue());
        }
    }

    private static long Digest(string transferId) => new EventKey("transfer", transferId).Digest;
}
