using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Interfaces.Rewards;

public enum RedemptionStatus { Placed, Fulfilled, Cancelled }

[GenerateSerializer, Immutable, Alias("pitstop.RedemptionView")]
public sealed record RedemptionView(
    [property: Id(0)] string RedemptionId,
    [property: Id(1)] string ItemId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long Points,
    [property: Id(4)] RedemptionStatus Status,
    [property: Id(5)] DateTimeOffset PlacedAt);

/// <summary>Why a redemption was not placed, or null when it was.</summary>
public enum RedemptionRefusal { UnknownItem, TierTooLow, InsufficientPoints, OutOfStock }

[GenerateSerializer, Immutable, Alias("pitstop.RedemptionOutcome")]
public sealed record RedemptionOutcome(
    [property: Id(0)] RedemptionView? Redemption,
    [property: Id(1)] RedemptionRefusal? Refusal,
    [property: Id(2)] long Available);

/// <summary>
/// A redemption's id names its wallet and idempotency key, so that fulfilling or cancelling it
/// needs no index: <c>RD~customer~C-0042117~key</c>. "~" cannot occur in an id or a key.
/// </summary>
public static class RedemptionIds
{
    private const char Separator = '~';

    public static string For(MemberRef member, string idempotencyKey) =>
        string.Join(Separator, "RD", member.Kind == MemberKind.Customer ? "customer" : "staff", member.Id, idempotencyKey);

    public static bool TryParse(string redemptionId, out MemberRef member)
    {
        var parts = redemptionId.Split(Separator);
        member = default;
        if (parts is not ["RD", var kind, var id, _] || id.Length == 0)
        {
            return false;
        }

        member = kind switch
        {
            "customer" => new MemberRef(MemberKind.Customer, id),
            "staff" => new MemberRef(MemberKind.Staff, id),
            _ => default,
        };
        return member.Id is not null;
    }
}
