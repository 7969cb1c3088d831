using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The transfer ids a budget has taken most recently, so that a member replaying an award after a
/// crash moves nothing twice. A bounded window keeps a hot budget's state small: a replay comes
/// from the retry of the same stream delivery, whose router hands events out in chunks one after
/// another and stops at the chunk that failed, so fewer awards than one chunk can bring
/// (<see cref="Intake.EventRouterGrain.EventsPerChunk"/> × 16) arrive between an award and its
/// replay. (The crash test once showed what happens without chunks: a delivery of 88 queue
/// messages re-asked for more awards than the window held, and the budget counted them twice.)
/// </summary>
[GenerateSerializer, Alias("pitstop.RecentTransfers")]
public sealed class RecentTransfers
{
    public const int Capacity = 8_192;

    // Digests in arrival order, oldest first; the set mirrors it for lookups.
    [Id(0)]
    public Queue<long> Order { get; set; } = new();

    [NonSerialized]
    private HashSet<long>? _set;

    private HashSet<long> Set => _set ??= [.. Order];

    public bool Contains(string transferId) => Set.Contains(Digest(transferId));

    public void Add(string transferId)
    {
        var digest = Digest(transferId);
        if (!Set.Add(digest))
        {
            return;
        }

        Order.Enqueue(digest);
        if (Order.Count > Capacity)
        {
            Set.Remove(Order.Dequeue());
        }
    }

    private static long Digest(string transferId) => new EventKey("transfer", transferId).Digest;
}
