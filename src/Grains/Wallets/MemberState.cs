using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Wallets;

/// <summary>The part of a customer's or staff member's state that is their wallet.</summary>
[GenerateSerializer, Alias("pitstop.MemberState")]
public abstract class MemberState : EventConsumerState, IJournalledState
{
    [Id(0)] public Wallet Wallet { get; set; } = new();

    /// <summary>Ledger entries made here (redemptions, refunds, expiry), not yet sent to the journal.</summary>
    [Id(1)] public DurableOutbox Outbox { get; set; } = new();

    [Id(2)] public Dictionary<string, Redemption> Redemptions { get; set; } = [];

    /// <summary>Numbers the expiry entries: a lot refunded after it expired can expire again.</summary>
    [Id(3)] public int Expiries { get; set; }

    /// <summary>Awards whose reversal was handled here: a repeated reversal takes nothing more.</summary>
    [Id(4)] public HashSet<string> ReversedTransfers { get; set; } = [];

    /// <summary>
    /// Awards the budget refused because their event was reversed first: applied here, but never
    /// held, so their reversal takes nothing from the wallet. Rare.
    /// </summary>
    [Id(5)] public HashSet<string> RefusedAsReversed { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("pitstop.Redemption")]
public sealed record Redemption(
    [property: Id(0)] string Id,
    [property: Id(1)] string ItemId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long Points,
    [property: Id(4)] RedemptionStatus Status,
    [property: Id(5)] DateTimeOffset PlacedAt,
    [property: Id(6)] IReadOnlyList<Lot> Lots,
    [property: Id(7)] RewardCategory? Category = null)
{
    public RedemptionView ToView() => new(Id, ItemId, Quantity, Points, Status, PlacedAt);
}
