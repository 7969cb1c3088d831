using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The counts behind <see cref="LoyaltyMonth"/>, with the keys of the tallies counted, so that a
/// tally a customer sends again (its write and its dispatch are not one step) counts once. Only
/// counts are kept: dealerships and months add up when read.
/// </summary>
[GenerateSerializer, Alias("pitstop.LoyaltyCounts")]
public sealed class LoyaltyCounts
{
    [Id(0)] public HashSet<string> Counted { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<Tier, long> Upgrades { get; set; } = [];

    [Id(2)] public Dictionary<Tier, long> Renewals { get; set; } = [];

    [Id(3)] public Dictionary<Tier, long> Downgrades { get; set; } = [];

    [Id(4)] public Dictionary<RewardCategory, CategoryRedemptions> Redemptions { get; set; } = [];

    [Id(5)] public long ReferralCodesIssued { get; set; }

    [Id(6)] public long ReferralsConverted { get; set; }

    [Id(7)] public long ReferralPoints { get; set; }

    /// <summary>Counts a tally not counted before; true when it was new.</summary>
    public bool Count(LoyaltyTally tally)
    {
        if (!Counted.Add(tally.Key))
        {
            return false;
        }

        switch (tally.Kind)
        {
            case LoyaltyTallyKind.TierUpgrade:
                Add(Upgrades, tally.Tier);
                break;
            case LoyaltyTallyKind.TierRenewal:
                Add(Renewals, tally.Tier);
                break;
            case LoyaltyTallyKind.TierDowngrade:
                Add(Downgrades, tally.Tier);
                break;
            case LoyaltyTallyKind.Redemption:
                AddRedemption(tally.Category, new CategoryRedemptions(1, tally.Points));
                break;
            case LoyaltyTallyKind.RedemptionCancelled:
                AddRedemption(tally.Category, new CategoryRedemptions(-1, -tally.Points));
                break;
            case LoyaltyTallyKind.ReferralCodeIssued:
                ReferralCodesIssued++;
                break;
            case LoyaltyTallyKind.ReferralConverted:
                ReferralsConverted++;
                break;
            case LoyaltyTallyKind.ReferralPoints:
                ReferralPoints += tally.Points;
                break;
        }

        return true;
    }

    public LoyaltyMonth ToView() => new(
        new Dictionary<Tier, long>(Upgrades), new Dictionary<Tier, long>(Renewals), new Dictionary<Tier, long>(Downgrades),
        new Dictionary<RewardCategory, CategoryRedemptions>(Redemptions), ReferralCodesIssued, ReferralsConverted, ReferralPoints);

    private static void Add(Dictionary<Tier, long> counts, Tier? tier)
    {
        if (tier is { } counted)
        {
            counts[counted] = counts.GetValueOrDefault(counted) + 1;
        }
    }

    // A redemption placed before categories were kept on it has none: it is not shown by category.
    private void AddRedemption(RewardCategory? category, CategoryRedemptions change)
    {
        if (category is { } counted)
        {
            Redemptions[counted] = Redemptions.GetValueOrDefault(counted, CategoryRedemptions.None).Plus(change);
        }
    }
}
