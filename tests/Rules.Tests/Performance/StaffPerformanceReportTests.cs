using Pitstop.Api.Performance;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Rules.Tests.Performance;

/// <summary>The staff performance figures built from month counts, rosters and the month's boards.</summary>
public class StaffPerformanceReportTests
{
    private static readonly Dictionary<string, string> Dealerships = new() { ["D-1"] = "KA", ["D-2"] = "KA", ["D-3"] = "KL" };

    private static PerformanceMonth Month(long visits, long onTime, long answers = 0, long sum = 0, long satisfied = 0,
        Dictionary<string, TechnicianMonth>? technicians = null, Dictionary<string, AdvisorMonth>? advisors = null) =>
        new(visits, onTime, answers, sum, satisfied, technicians ?? [], advisors ?? []);

    [Fact]
    public void Csat_is_averaged_month_by_month_over_the_dealerships_and_null_where_nothing_was_answered()
    {
        var counts = new Dictionary<(string, string), PerformanceMonth>
        {
            [("D-1", "2026-11")] = Month(0, 0, answers: 2, sum: 9, satisfied: 2),
            [("D-3", "2026-11")] = Month(0, 0, answers: 2, sum: 5, satisfied: 0),
        };

        var report = StaffPerformanceReport.Build(null, null, Dealerships, ["2026-10", "2026-11"], counts, new Dictionary<string, IReadOnlyList<RosterMember>>(), new HashSet<string>());

        report.Month.Should().Be("2026-11");
        report.CsatTrend.Should().Equal(new CsatMonth("2026-10", 0, null, null), new CsatMonth("2026-11", 4, 3.5, 0.5));
    }

    [Fact]
    public void On_time_is_shared_by_dealership_and_summed_by_state_and_rates_per_member_are_of_their_visits()
    {
        var counts = new Dictionary<(string, string), PerformanceMonth>
        {
            [("D-1", "2026-11")] = Month(4, 3, technicians: new() { ["T-1"] = new TechnicianMonth(4, 3, 1) }, advisors: new() { ["A-1"] = new AdvisorMonth(4, 2) }),
            [("D-2", "2026-11")] = Month(6, 3),
            [("D-1", "2026-10")] = Month(100, 0),
        };
        var rosters = new Dictionary<string, IReadOnlyList<RosterMember>> { ["D-1"] = [new("T-1", "Ravi", StaffRole.Technician)] };

        var report = StaffPerformanceReport.Build(null, null, Dealerships, ["2026-11"], counts, rosters, new HashSet<string>());

        report.OnTimeByDealership.Should().Equal(
            new OnTimeFigures("D-1", "KA", 4, 3, 0.75), new OnTimeFigures("D-2", "KA", 6, 3, 0.5), new OnTimeFigures("D-3", "KL", 0, 0, null));
        report.OnTimeByState.Should().Equal(new OnTimeFigures(null, "KA", 10, 6, 0.6), new OnTimeFigures(null, "KL", 0, 0, null));
        report.Technicians.Should().Equal(new TechnicianFigures("T-1", "Ravi", "D-1", 4, 3, 0.75, 1, 0.25));
        report.Advisors.Should().Equal(new AdvisorFigures("A-1", null, "D-1", 4, 2, 0.5));
    }

    [Fact]
    public void Participation_is_the_registered_staff_with_points_in_the_month_of_those_registered()
    {
        var rosters = new Dictionary<string, IReadOnlyList<RosterMember>>
        {
            ["D-1"] = [new("T-1", "Ravi", StaffRole.Technician), new("T-2", "Meena", StaffRole.Technician)],
            ["D-3"] = [new("A-3", "Joseph", StaffRole.Advisor)],
        };

        // T-9 earned but is not registered: on the boards, not in the participation.
        var report = StaffPerformanceReport.Build(null, null, Dealerships, ["2026-11"], new Dictionary<(string, string), PerformanceMonth>(), rosters, new HashSet<string> { "T-1", "A-3", "T-9" });

        report.Participation.Registered.Should().Be(3);
        report.Participation.Earned.Should().Be(2);
        report.Participation.Share.Should().BeApproximately(2.0 / 3, 1e-9);
        report.Participation.ByDealership.Should().Equal(
            new DealershipParticipation("D-1", "KA", 2, 1, 0.5), new DealershipParticipation("D-2", "KA", 0, 0, null), new DealershipParticipation("D-3", "KL", 1, 1, 1.0));
    }
}
