using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

public class TierRulesTests
{
    private readonly TierRules _tiers = new(new TierOptions());

    [Theory]
    [InlineData(null, Tier.Silver)]
    [InlineData(VehicleClass.Entry, Tier.Silver)]
    [InlineData(VehicleClass.Mid, Tier.Gold)]
    [InlineData(VehicleClass.Performance, Tier.Platinum)]
    public void The_vehicle_tier_follows_the_best_class(VehicleClass? best, Tier expected) =>
        TierRules.ForVehicle(best).Should().Be(expected);

    [Theory]
    [InlineData(0, Tier.Silver)]
    [InlineData(49_999, Tier.Silver)]
    [InlineData(50_000, Tier.Gold)]
    [InlineData(149_999, Tier.Gold)]
    [InlineData(150_000, Tier.Platinum)]
    public void The_points_tier_follows_the_qualifying_points(long points, Tier expected) =>
        _tiers.ForPoints(points).Should().Be(expected);

    [Theory]
    [InlineData(VehicleClass.Performance, 0, Tier.Platinum)]
    [InlineData(VehicleClass.Entry, 150_000, Tier.Platinum)]
    [InlineData(VehicleClass.Mid, 10_000, Tier.Gold)]
    [InlineData(null, 0, Tier.Silver)]
    public void A_customer_qualifies_for_the_higher_of_the_two(VehicleClass? best, long points, Tier expected) =>
        _tiers.Qualified(best, points).Should().Be(expected);

    [Fact]
    public void Progress_names_the_tier_above_the_current_one_and_the_points_it_needs()
    {
        _tiers.Progress(Tier.Silver, 20_000).Should().Be((Tier.Gold, 30_000L));
        // Gold by vehicle with few points: the way up is Platinum's points.
        _tiers.Progress(Tier.Gold, 20_000).Should().Be((Tier.Platinum, 130_000L));
        _tiers.Progress(Tier.Platinum, 0).Should().BeNull();
    }

    [Fact]
    public void The_window_reaches_back_the_qualifying_months()
    {
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        _tiers.WindowStart(now).Should().Be(now.AddMonths(-12));
        new TierRules(new TierOptions { QualifyingMonths = 6 }).WindowStart(now).Should().Be(now.AddMonths(-6));
    }

    [Fact]
    public void Qualifying_points_count_inside_the_window_and_a_reversed_earning_leaves_it()
    {
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var points = new QualifyingPoints();
        points.Add("t-old", now.AddMonths(-13), 40_000);
        points.Add("t-1", now.AddMonths(-2), 30_000);
        points.Add("t-2", now.AddDays(-1), 25_000);
        points.Add("t-2", now.AddDays(-1), 25_000); // a replay counts once

        points.Since(_tiers.WindowStart(now)).Should().Be(55_000);
        points.Remove("t-1").Should().BeTrue();
        points.Remove("t-1").Should().BeFalse();
        points.Since(_tiers.WindowStart(now)).Should().Be(25_000);

        points.ForgetBefore(_tiers.WindowStart(now));
        points.Earnings.Should().ContainSingle(e => e.TransferId == "t-2");
    }
}
