using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

[GenerateSerializer, Alias("pitstop.BrandPoolState")]
public sealed class BrandPoolState : IJournalledState
{
    /// <summary>Minted less topped up; opening balances are taken off apart (<see cref="PoolOpeningsState.Total"/>).</summary>
    [Id(0)] public long Available { get; set; }
    [Id(1)] public long Minted { get; set; }
    [Id(2)] public long ToppedUp { get; set; }

    /// <summary>Mints done, by idempotency key (admin calls: few).</summary>
    [Id(3)] public Dictionary<string, long> Mints { get; set; } = [];

    /// <summary>Withdrawals made, by transfer id (top-ups: a few a month per dealership).</summary>
    [Id(4)] public HashSet<string> Withdrawals { get; set; } = [];

    /// <summary>Ledger entries of mints, not yet sent to the journal.</summary>
    [Id(5)] public DurableOutbox Outbox { get; set; } = new();
}
