using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.League;
using static Pitstop.Rules.Tests.Loyalty.CustomerEarningTests;
using Pitstop.Grains.Staff;

namespace Pitstop.Rules.Tests.League;

/// <summary>The rows of program.md's staff table beyond the visit itself.</summary>
public class KpiTableTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(5.5));

    private readonly KpiScoring _scoring = new(new StaffKpiOptions());

    private static CsatSubmitted Csat(int score) => new("SV-1", "JC-1", "C-1", "S-A1", ["S-T1"], score, Verified: true);

    private static SupportCaseClosed Case(TimeSpan firstResponse, TimeSpan closed, int slaHours, bool notes) =>
        new("CS-1", "S-C1", "C-1", Opened, Opened + firstResponse, Opened + closed, slaHours, notes);

    [Theory]
    [InlineData(5, StaffRole.Technician, 60)]
    [InlineData(4, StaffRole.Technician, 20)]
    [InlineData(3, StaffRole.Technician, 0)]
    [InlineData(5, StaffRole.Advisor, 100)]
    [InlineData(4, StaffRole.Advisor, 30)]
    [InlineData(1, StaffRole.Advisor, 0)]
    public void A_csat_of_5_or_4_earns_the_technicians_and_the_advisor_their_points(int score, StaffRole role, long expected) =>
        _scoring.For(Csat(score), role).Points.Should().Be(expected);

    [Theory]
    [InlineData(10, 50)]
    [InlineData(9, 50)]
    [InlineData(8, 0)]
    [InlineData(0, 0)]
    public void A_promoter_nps_earns_the_advisor_50(int score, long expected) =>
        _scoring.For(new NpsSubmitted("SV-2", "C-1", "JC-1", "S-A1", score), StaffRole.Advisor).Points.Should().Be(expected);

    [Fact]
    public void An_upsell_earns_the_advisor_2_percent_of_its_amount_rounded_down() =>
        _scoring.For(new UpsellSold("UPS-1", "C-1", "S-A1", UpsellProduct.ExtendedWarranty, 35_049.99m), StaffRole.Advisor).Points.Should().Be(700);

    [Theory]
    [InlineData(40, 300, 8, true, 70)]   // within SLA (5 h of 8), first response in 40 min, notes complete: 40 + 20 + 10
    [InlineData(120, 480, 8, false, 60)] // exactly 2 h and exactly 8 h still count; no notes
    [InlineData(121, 481, 8, true, 10)]  // a minute over both: notes only
    public void A_closed_support_case_earns_the_agent_sla_response_and_notes_points(int firstResponseMinutes, int closedMinutes, int slaHours, bool notes, long expected) =>
        _scoring.For(Case(TimeSpan.FromMinutes(firstResponseMinutes), TimeSpan.FromMinutes(closedMinutes), slaHours, notes), StaffRole.Support).Points.Should().Be(expected);

    [Fact]
    public void Nobody_else_earns_from_a_support_case_or_a_promoter()
    {
        _scoring.For(Case(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), 8, true), StaffRole.Advisor).Points.Should().Be(0);
        _scoring.For(new NpsSubmitted("SV-3", "C-1", null, "S-A1", 10), StaffRole.Technician).Points.Should().Be(0);
    }

    [Fact]
    public void The_zero_defect_part_carries_the_multiplier_when_the_visit_earned_it()
    {
        _scoring.ZeroDefectPart(Visit()).Should().Be(36, "30 x 1.2 on an on-time first-time fix");
        _scoring.ZeroDefectPart(Visit(onTime: false)).Should().Be(30);
        _scoring.ZeroDefectPart(Visit(repeatRepair: true)).Should().Be(0);
    }
}
