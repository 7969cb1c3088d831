using Pitstop.Api.Loyalty;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Rules.Tests.Loyalty;

/// <summary>The loyalty dashboard's figures built from dealership months: trend by month, the month's redemptions by category and city.</summary>
public class LoyaltyReportTests
{
    private static readonly Dictionary<string, DealershipProfile> Dealerships = new()
    {
        ["D-1"] = new("One", "Bengaluru", "KA", "South"),
        ["D-2"] = new("Two", "Bengaluru", "KA", "South"),
        ["D-3"] = new("Three", "Mysuru", "KA", "South"),
    };

    private static LoyaltyMonth Month(
        Dictionary<Tier, long>? upgrades = null, Dictionary<Tier, long>? renewals = null, Dictionary<RewardCategory, CategoryRedemptions>? redemptions = null,
        long codes = 0, long converted = 0, long referralPoints = 0) =>
        new(upgrades ?? [], renewals ?? [], new Dictionary<Tier, long>(), redemptions ?? [], codes, converted, referralPoints);

    private static LoyaltyAnalytics Build(Dictionary<(string, string), LoyaltyMonth> figures) =>
        LoyaltyReport.Build(null, "KA", Dealerships, ["2026-11", "2026-12"], new TierCounts(5, 2, 1), new CustomerPointsFlow(10_000, 2_500), figures);

    [Fact]
    public void Upgrades_and_renewals_are_summed_over_dealerships_per_month_of_the_trend()
    {
        var report = Build(new()
        {
            [("D-1", "2026-11")] = Month(upgrades: new() { [Tier.Gold] = 2 }),
            [("D-2", "2026-11")] = Month(upgrades: new() { [Tier.Gold] = 1, [Tier.Platinum] = 1 }, renewals: new() { [Tier.Gold] = 3 }),
            [("D-3", "2026-12")] = Month(renewals: new() { [Tier.Platinum] = 1 }),
        });

        report.Month.Should().Be("2026-12");
        report.TierMovesByMonth.Select(m => (m.Month, m.TotalUpgrades, m.TotalRenewals)).Should().Equal(("2026-11", 4L, 3L), ("2026-12", 0L, 1L));
        report.TierMovesByMonth[0].Upgrades.Should().Be(new TierFigures(0, 3, 1));
        report.TierMovesByMonth[1].Renewals.Should().Be(new TierFigures(0, 0, 1));
        (report.Customers, report.PointsIssued, report.PointsRedeemed, report.RedemptionRate).Should().Be((8L, 10_000L, 2_500L, 0.25));
    }

    [Fact]
    public void The_month_s_redemptions_are_shown_by_category_and_by_city_and_other_months_are_left_out()
    {
        var report = Build(new()
        {
            [("D-1", "2026-12")] = Month(redemptions: new() { [RewardCategory.Dining] = new(2, 600), [RewardCategory.Wellness] = new(1, 1_000) }),
            [("D-2", "2026-12")] = Month(redemptions: new() { [RewardCategory.Dining] = new(1, 300), [RewardCategory.Cash] = new(0, 0) }),
            [("D-3", "2026-12")] = Month(redemptions: new() { [RewardCategory.Adventure] = new(1, 5_000) }),
            [("D-3", "2026-11")] = Month(redemptions: new() { [RewardCategory.Adventure] = new(9, 90_000) }),
        });

        report.Redemptions.ByCategory.Should().Equal(
            new CategoryFigures(RewardCategory.Dining, 3, 900), new CategoryFigures(RewardCategory.Wellness, 1, 1_000), new CategoryFigures(RewardCategory.Adventure, 1, 5_000));
        report.Redemptions.ByCity.Should().Equal(new CityFigures("Bengaluru", "KA", 4, 1_900), new CityFigures("Mysuru", "KA", 1, 5_000));
        (report.Redemptions.Redemptions, report.Redemptions.Points).Should().Be((5L, 6_900L));
    }

    [Fact]
    public void Referrals_are_the_month_s_sums()
    {
        var report = Build(new()
        {
            [("D-1", "2026-12")] = Month(codes: 3, converted: 1, referralPoints: 7_500),
            [("D-3", "2026-12")] = Month(codes: 1),
            [("D-3", "2026-11")] = Month(codes: 10, converted: 4, referralPoints: 30_000),
        });

        report.Referrals.Should().Be(new ReferralFigures(4, 1, 7_500));
    }
}
