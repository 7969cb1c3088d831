using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

/// <summary>A dealership month's loyalty counts: each tally once, by kind, tier and category.</summary>
public class LoyaltyCountsTests
{
    private static LoyaltyTally Tally(string key, LoyaltyTallyKind kind, Tier? tier = null, RewardCategory? category = null, long points = 0) =>
        new(key, "DLR-1", "2026-12", kind, tier, category, points);

    [Fact]
    public void Each_kind_counts_where_it_belongs()
    {
        var counts = new LoyaltyCounts();
        LoyaltyTally[] tallies =
        [
            Tally("u1", LoyaltyTallyKind.TierUpgrade, Tier.Gold),
            Tally("u2", LoyaltyTallyKind.TierUpgrade, Tier.Platinum),
            Tally("u3", LoyaltyTallyKind.TierUpgrade, Tier.Gold),
            Tally("n1", LoyaltyTallyKind.TierRenewal, Tier.Platinum),
            Tally("d1", LoyaltyTallyKind.TierDowngrade, Tier.Silver),
            Tally("r1", LoyaltyTallyKind.Redemption, category: RewardCategory.Dining, points: 300),
            Tally("r2", LoyaltyTallyKind.Redemption, category: RewardCategory.Dining, points: 500),
            Tally("r3", LoyaltyTallyKind.Redemption, category: RewardCategory.Wellness, points: 1_000),
            Tally("c1", LoyaltyTallyKind.ReferralCodeIssued),
            Tally("c2", LoyaltyTallyKind.ReferralCodeIssued),
            Tally("v1", LoyaltyTallyKind.ReferralConverted),
            Tally("p1", LoyaltyTallyKind.ReferralPoints, points: 5_000),
            Tally("p2", LoyaltyTallyKind.ReferralPoints, points: 2_500),
        ];

        foreach (var tally in tallies)
        {
            counts.Count(tally).Should().BeTrue();
        }

        var month = counts.ToView();
        month.Upgrades.Should().BeEquivalentTo(new Dictionary<Tier, long> { [Tier.Gold] = 2, [Tier.Platinum] = 1 });
        month.Renewals.Should().BeEquivalentTo(new Dictionary<Tier, long> { [Tier.Platinum] = 1 });
        month.Downgrades.Should().BeEquivalentTo(new Dictionary<Tier, long> { [Tier.Silver] = 1 });
        month.Redemptions.Should().BeEquivalentTo(new Dictionary<RewardCategory, CategoryRedemptions>
        {
            [RewardCategory.Dining] = new(2, 800),
            [RewardCategory.Wellness] = new(1, 1_000),
        });
        (month.ReferralCodesIssued, month.ReferralsConverted, month.ReferralPoints).Should().Be((2L, 1L, 7_500L));
    }

    [Fact]
    public void A_tally_sent_again_counts_once()
    {
        var counts = new LoyaltyCounts();
        var upgrade = Tally("u1", LoyaltyTallyKind.TierUpgrade, Tier.Gold);

        counts.Count(upgrade).Should().BeTrue();
        counts.Count(upgrade).Should().BeFalse();
        counts.Count(upgrade with { Tier = Tier.Platinum }).Should().BeFalse("the key names the fact");

        counts.ToView().Upgrades.Should().BeEquivalentTo(new Dictionary<Tier, long> { [Tier.Gold] = 1 });
    }

    [Fact]
    public void A_cancellation_takes_its_redemption_off_its_category()
    {
        var counts = new LoyaltyCounts();

        counts.Count(Tally("r1", LoyaltyTallyKind.Redemption, category: RewardCategory.Adventure, points: 2_000));
        counts.Count(Tally("r2", LoyaltyTallyKind.Redemption, category: RewardCategory.Adventure, points: 700));
        counts.Count(Tally("x1", LoyaltyTallyKind.RedemptionCancelled, category: RewardCategory.Adventure, points: 2_000));

        counts.ToView().Redemptions[RewardCategory.Adventure].Should().Be(new CategoryRedemptions(1, 700));
    }

    [Fact]
    public void A_month_keeps_a_digest_of_each_tally_and_keys_stored_before_still_count_once()
    {
        var counts = new LoyaltyCounts();
        counts.CountedStoredEarlier.Add("u1");

        counts.Count(Tally("u1", LoyaltyTallyKind.TierUpgrade, Tier.Gold)).Should().BeFalse("a key stored before digests were kept was counted");
        counts.Count(Tally("u2", LoyaltyTallyKind.TierUpgrade, Tier.Gold)).Should().BeTrue();
        counts.Count(Tally("u2", LoyaltyTallyKind.TierUpgrade, Tier.Gold)).Should().BeFalse();

        counts.CountedStoredEarlier.Should().BeEmpty("the stored keys became digests");
        counts.CountedDigests.Should().HaveCount(2);
        counts.ToView().Upgrades.Should().BeEquivalentTo(new Dictionary<Tier, long> { [Tier.Gold] = 1 });
    }
}
