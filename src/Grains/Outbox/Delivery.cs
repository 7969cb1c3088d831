using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Outbox;

/// <summary>
/// Something a grain's write leaves for another grain, kept in its <see cref="DurableOutbox"/>
/// until the target took it. Deliveries to one <see cref="Target"/> travel together, one delivery
/// in flight at a time.
/// </summary>
[GenerateSerializer, Alias("pitstop.Delivery")]
public abstract record Delivery
{
    /// <summary>The grain (or group of grains) the delivery goes to.</summary>
    public abstract string Target { get; }

    /// <summary>Deliveries of a value whose latest is all that matters share a slot; null for the others.</summary>
    public virtual string? Slot => null;

    /// <summary>Whether <paramref name="other"/> is in this delivery's slot, and so replaced by it.</summary>
    public virtual bool SharesSlotWith(Delivery other) => Slot is { } slot && slot == other.Slot;
}

/// <summary>
/// A customer's notice to one of their incidents (an NPS answer, a visit, a support case, a recovery
/// funded, the points of it redeemed so far: a total, so only the latest need go).
/// </summary>
[GenerateSerializer, Alias("pitstop.IncidentNoticeDelivery")]
public sealed record IncidentNoticeDelivery([property: Id(0)] string IncidentId, [property: Id(1)] CustomerNotice Notice) : Delivery
{
    public override string Target => $"incident:{IncidentId}";

    public override string? Slot => Notice.Kind == CustomerNoticeKind.RecoveryRedeemed ? $"redeemed:{IncidentId}" : null;
}

/// <summary>A staff member's league score of a month, for each of their boards; the latest replaces earlier ones.</summary>
[GenerateSerializer, Alias("pitstop.BoardScoreDelivery")]
public sealed record BoardScoreDelivery([property: Id(0)] string Month, [property: Id(1)] long Score) : Delivery
{
    public override string Target => "leaderboards";

    public override string? Slot => $"board:{Month}";

    // Without naming the slots: a member puts a score in the outbox on every event that scores.
    public override bool SharesSlotWith(Delivery other) => other is BoardScoreDelivery board && board.Month == Month;
}

/// <summary>An award the budget funded after answering it pending, for its member.</summary>
[GenerateSerializer, Alias("pitstop.FundedAwardDelivery")]
public sealed record FundedAwardDelivery([property: Id(0)] PendingAward Award) : Delivery
{
    public override string Target => $"funded:{Award.Member}";
}

/// <summary>A reversed award, for its member to take back; the budget is credited once the member confirms.</summary>
[GenerateSerializer, Alias("pitstop.ReversalDelivery")]
public sealed record ReversalDelivery([property: Id(0)] AwardReversal Reversal) : Delivery
{
    public override string Target => $"reversals:{Reversal.Member}";
}

/// <summary>What the loyalty dashboard counts of a customer's change, for its dealership month (which counts each key once).</summary>
[GenerateSerializer, Alias("pitstop.LoyaltyTallyDelivery")]
public sealed record LoyaltyTallyDelivery([property: Id(0)] LoyaltyTally Tally) : Delivery
{
    public override string Target => $"loyalty-month:{Tally.GrainKey}";
}
