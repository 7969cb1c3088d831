using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Loyalty;

/// <summary>
/// The loyalty dashboard's figures (<c>GET /analytics/loyalty</c>). <c>customers</c>, <c>tiers</c>
/// and the points issued and redeemed are to date; <c>tierMovesByMonth</c> covers the months ending
/// with <c>month</c>; <c>redemptions</c> and <c>referrals</c> are of <c>month</c>.
/// <c>redemptionRate</c> = redeemed ÷ issued; null before anything was issued.
/// </summary>
public sealed record LoyaltyAnalytics(
    string Month, string? DealershipId, string? State, long Customers, TierFigures Tiers, long PointsIssued, long PointsRedeemed, double? RedemptionRate,
    IReadOnlyList<TierMovesMonth> TierMovesByMonth, RedemptionFigures Redemptions, ReferralFigures Referrals);

public sealed record TierFigures(long Silver, long Gold, long Platinum);

/// <summary>
/// One month's tier moves by the tier reached or kept: upgrades (at once, or at a yearly review),
/// renewals (a yearly review kept a tier above Silver) and downgrades (a yearly review lowered it).
/// </summary>
public sealed record TierMovesMonth(string Month, long TotalUpgrades, long TotalRenewals, TierFigures Upgrades, TierFigures Renewals, TierFigures Downgrades);

/// <summary>Redemptions placed in the month, net of those cancelled since: in all, by catalog category and by the home dealership's city.</summary>
public sealed record RedemptionFigures(long Redemptions, long Points, IReadOnlyList<CategoryFigures> ByCategory, IReadOnlyList<CityFigures> ByCity);

public sealed record CategoryFigures(RewardCategory Category, long Redemptions, long Points);

public sealed record CityFigures(string City, string State, long Redemptions, long Points);

/// <summary>Referral codes first handed out in the month, referrals converted (rewarded) and the points they earned referrers and referees.</summary>
public sealed record ReferralFigures(long CodesIssued, long Converted, long Points);
