using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// What one dealership's customers did in one month of the program's calendar, for the loyalty
/// dashboard: tier upgrades, renewals and downgrades, redemptions by category, referral codes
/// issued and referrals converted with the points they earned. Keyed like the dealership's month
/// (<see cref="Dealerships.DealershipMonths"/>). The customers send their tallies after their own
/// write; each tally carries a key, so one sent again after a crash counts once.
/// </summary>
[Alias("pitstop.ILoyaltyMonthGrain")]
public interface ILoyaltyMonthGrain : IGrainWithStringKey
{
    [Alias("count")]
    Task CountAsync(IReadOnlyList<LoyaltyTally> tallies);

    [ReadOnly, Alias("figures")]
    Task<LoyaltyMonth> FiguresAsync();
}

/// <summary>What a tally counts.</summary>
public enum LoyaltyTallyKind
{
    /// <summary>A tier went up (<see cref="LoyaltyTally.Tier"/>: the new one), at once or at the yearly review.</summary>
    TierUpgrade,

    /// <summary>A yearly review kept a tier above Silver (<see cref="LoyaltyTally.Tier"/>).</summary>
    TierRenewal,

    /// <summary>A yearly review lowered a tier (<see cref="LoyaltyTally.Tier"/>: the new one).</summary>
    TierDowngrade,

    /// <summary>A redemption placed: <see cref="LoyaltyTally.Category"/> and <see cref="LoyaltyTally.Points"/>.</summary>
    Redemption,

    /// <summary>A placed redemption cancelled: taken off the month it was placed in.</summary>
    RedemptionCancelled,

    /// <summary>The referral-code route handed a customer their code for the first time.</summary>
    ReferralCodeIssued,

    /// <summary>A referral converted and rewarded, counted once, by the referrer.</summary>
    ReferralConverted,

    /// <summary>Points a referral earned one customer (referrer or referee): <see cref="LoyaltyTally.Points"/>.</summary>
    ReferralPoints,
}

/// <summary>
/// One thing to count in the month grain keyed <c>{DealershipId}|{Month}</c> (<see cref="LoyaltyMonths.KeyOf"/>).
/// <paramref name="Key"/> names the fact (the same on every resend), so counting it twice counts it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.LoyaltyTally")]
public sealed record LoyaltyTally(
    [property: Id(0)] string Key,
    [property: Id(1)] string DealershipId,
    [property: Id(2)] string Month,
    [property: Id(3)] LoyaltyTallyKind Kind,
    [property: Id(4)] Tier? Tier = null,
    [property: Id(5)] RewardCategory? Category = null,
    [property: Id(6)] long Points = 0)
{
    public string GrainKey => LoyaltyMonths.KeyOf(DealershipId, Month);
}

/// <summary>Redemptions of one category in a month: how many (orders) and their points, net of cancellations.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.CategoryRedemptions")]
public sealed record CategoryRedemptions([property: Id(0)] long Redemptions, [property: Id(1)] long Points)
{
    public static readonly CategoryRedemptions None = new(0, 0);

    public CategoryRedemptions Plus(CategoryRedemptions other) => new(Redemptions + other.Redemptions, Points + other.Points);
}

/// <summary>
/// A dealership month's loyalty figures (<see cref="ILoyaltyMonthGrain"/>): upgrades, renewals and
/// downgrades by tier reached or kept, redemptions by category, and referrals.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.LoyaltyMonth")]
public sealed record LoyaltyMonth(
    [property: Id(0)] IReadOnlyDictionary<Tier, long> Upgrades,
    [property: Id(1)] IReadOnlyDictionary<Tier, long> Renewals,
    [property: Id(2)] IReadOnlyDictionary<Tier, long> Downgrades,
    [property: Id(3)] IReadOnlyDictionary<RewardCategory, CategoryRedemptions> Redemptions,
    [property: Id(4)] long ReferralCodesIssued,
    [property: Id(5)] long ReferralsConverted,
    [property: Id(6)] long ReferralPoints);

/// <summary>How the loyalty months are keyed: as the dealership's months.</summary>
public static class LoyaltyMonths
{
    public static string KeyOf(string dealershipId, string month) => Dealerships.DealershipMonths.KeyOf(dealershipId, month);
}
