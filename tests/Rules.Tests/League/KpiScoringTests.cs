using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.League;
using static Pitstop.Rules.Tests.Loyalty.CustomerEarningTests;
using Pitstop.Grains.Staff;

namespace Pitstop.Rules.Tests.League;

public class KpiScoringTests
{
    private readonly KpiScoring _scoring = new(new StaffKpiOptions());

    [Fact]
    public void An_on_time_first_time_fix_zero_defect_visit_earns_the_technician_160_times_1_2() =>
        _scoring.ForVisit(Visit(), StaffRole.Technician).Points.Should().Be(192);

    [Fact]
    public void A_late_visit_loses_the_on_time_points_and_the_multiplier() =>
        _scoring.ForVisit(Visit(onTime: false), StaffRole.Technician).Points.Should().Be(80 + 30);

    [Fact]
    public void An_on_time_visit_without_first_time_fix_has_no_multiplier() =>
        _scoring.ForVisit(Visit(firstTimeFix: false), StaffRole.Technician).Points.Should().Be(50 + 30);

    [Fact]
    public void A_repeat_repair_earns_no_zero_defect_points() =>
        _scoring.ForVisit(Visit(repeatRepair: true), StaffRole.Technician).Points.Should().Be((long)((50 + 80) * 1.2m));

    [Theory]
    [InlineData(true, true, 70)]
    [InlineData(true, false, 30)]
    [InlineData(false, true, 40)]
    [InlineData(false, false, 0)]
    public void The_advisor_earns_on_time_and_job_card_accuracy_points(bool onTime, bool accurate, long expected) =>
        _scoring.ForVisit(Visit(onTime: onTime, accurate: accurate), StaffRole.Advisor).Points.Should().Be(expected);

    [Fact]
    public void A_support_agent_earns_nothing_from_a_visit() =>
        _scoring.ForVisit(Visit(), StaffRole.Support).Points.Should().Be(0);

    [Fact]
    public void An_upsell_too_large_to_count_in_points_throws_rather_than_scoring_a_wrong_number()
    {
        var act = () => _scoring.For(new UpsellSold("UPS-1", "C-1", "S-A1", UpsellProduct.Amc, 5e20m), StaffRole.Advisor);

        act.Should().Throw<OverflowException>();
    }
}
