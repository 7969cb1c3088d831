using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>The two kinds of member that hold a wallet.</summary>
public enum MemberKind
{
    Customer,
    Staff,
}

/// <summary>A member wallet: which kind, which id.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.MemberRef")]
public readonly record struct MemberRef([property: Id(0)] MemberKind Kind, [property: Id(1)] string Id)
{
    public override string ToString() => $"{(Kind == MemberKind.Customer ? "customer" : "staff")}:{Id}";

    /// <summary>The member of a journal account ("customer:C-1"), if it is one.</summary>
    public static bool TryParse(string account, out MemberRef member)
    {
        member = Accounts.ClassOf(account) switch
        {
            Accounts.CustomerClass => new MemberRef(MemberKind.Customer, account[(Accounts.CustomerClass.Length + 1)..]),
            Accounts.StaffClass => new MemberRef(MemberKind.Staff, account[(Accounts.StaffClass.Length + 1)..]),
            _ => default,
        };
        return member.Id is not null;
    }
}

/// <summary>A pending award its budget has funded, and when: the points' lot is dated from then.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.FundedAward")]
public sealed record FundedAward([property: Id(0)] string TransferId, [property: Id(1)] DateTimeOffset FundedAt);

/// <summary>A grain that holds a member wallet: customers and staff alike.</summary>
[Alias("pitstop.IWalletHolder")]
public interface IWalletHolder : IGrainWithStringKey
{
    /// <summary>
    /// A budget funded awards that were pending here. The budget repeats the call until it
    /// succeeds, so it is idempotent.
    /// </summary>
    [Alias("funded")]
    Task AwardsFundedAsync(IReadOnlyList<FundedAward> awards);

    /// <summary>
    /// Takes back awards whose event was reversed: a pending one is dropped; a funded one the
    /// member holds leaves the wallet (which may go negative) and is journalled back to the budget.
    /// Idempotent; the budget credits itself for the funded ones when this returns.
    /// </summary>
    [Alias("reverse")]
    Task ReverseAwardsAsync(IReadOnlyList<AwardReversal> reversals);

    /// <summary>Moves the lots that are due to expired (the expiry sweep calls it; idempotent).</summary>
    [Alias("expire")]
    Task ExpireDueAsync();

    /// <summary>Places a redemption; a repeated idempotency key answers the redemption it placed.</summary>
    [Alias("redeem")]
    Task<RedemptionOutcome> RedeemAsync(string idempotencyKey, string itemId, int quantity);

    /// <summary>Moves a placed redemption to fulfilled or (points and stock given back) cancelled; null for an unknown id.</summary>
    [Alias("settle-redemption")]
    Task<RedemptionView?> SettleRedemptionAsync(string redemptionId, RedemptionStatus to);

    [ReadOnly, Alias("redemptions")]
    Task<IReadOnlyList<RedemptionView>> RedemptionsAsync();
}

/// <summary>The wallet grain of a member.</summary>
public static class WalletHolders
{
    public static IWalletHolder Of(this IGrainFactory grains, MemberRef member) => member.Kind == MemberKind.Customer
        ? grains.Reference<Loyalty.ICustomerGrain>(member.Id)
        : grains.Reference<League.IStaffGrain>(member.Id);
}
