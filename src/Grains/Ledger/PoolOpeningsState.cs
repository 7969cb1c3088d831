using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The opening balances the brand pool has moved to migrated customers. A state of its own beside
/// <see cref="BrandPoolState"/>: it holds an entry per migrated customer (about 16 bytes each, so
/// megabytes for a whole network), written once per chunk of an import, while top-ups and mints —
/// frequent — write the small state only. Each state owns the points it took out of the pool, so
/// every change is still one write.
/// </summary>
[GenerateSerializer, Alias("pitstop.PoolOpeningsState")]
public sealed class PoolOpeningsState : IJournalledState
{
    /// <summary>Points moved per customer, by the 64-bit digest of the transfer id.</summary>
    [Id(0)] public Dictionary<long, long> Moved { get; set; } = [];

    /// <summary>All points moved as opening balances: the pool's available points are its own less these.</summary>
    [Id(1)] public long Total { get; set; }

    /// <summary>Journal entries of the openings, not yet sent.</summary>
    [Id(2)] public DurableOutbox Outbox { get; set; } = new();
}
