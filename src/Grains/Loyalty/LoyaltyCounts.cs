using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The counts behind <see cref="LoyaltyMonth"/>, with a 64-bit digest of each tally counted, so that
/// a tally a customer sends again (its write and its dispatch are not one step) counts once. Only
/// counts are kept: dealerships and months add up when read.
/// </summary>
/// <remarks>
/// A resend can come at any later time (a customer's outbox is sent again on its next activation),
/// so no digest is ever forgotten; a month stops growing when its month is over, and a digest is
/// 8 bytes where the key it stands for is about 60.
/// </remarks>
[GenerateSerializer, Alias("pitstop.LoyaltyCounts")]
public sealed class LoyaltyCounts
{
    /// <summary>Keys counted, in states stored before digests were kept: moved to <see cref="CountedDigests"/> on the next count.</summary>
    [Id(0)] public HashSet<string> CountedStoredEarlier { get; set; } = new(StringComparer.Ordinal);

    [Id(8)] public HashSet<long> CountedDigests { get; set; } = [];

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
        if (CountedStoredEarlier.Count > 0)
        {
            CountedDigests.UnionWith(CountedStoredEarlier.Select(DigestOf));
            CountedStoredEarlier.Clear();
        }

        if (!CountedDigests.Add(DigestOf(tally.Key)))
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

    // As the engine digests event keys: the first 8 bytes of SHA-256, under a source of its own.
    private static long DigestOf(string tallyKey) => new EventKey("loyalty-tally", tallyKey).Digest;

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
