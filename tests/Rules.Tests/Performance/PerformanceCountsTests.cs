using Pitstop.Grains.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using static Pitstop.Rules.Tests.Loyalty.CustomerEarningTests;

namespace Pitstop.Rules.Tests.Performance;

/// <summary>What a dealership month counts for the staff performance dashboard, event by event.</summary>
public class PerformanceCountsTests
{
    [Fact]
    public void Visits_count_on_time_and_per_technician_first_time_fixes_and_repeat_repairs_and_per_advisor_visits()
    {
        var counts = new PerformanceCounts();
        counts.Count(Visit());
        counts.Count(Visit(onTime: false, firstTimeFix: false, repeatRepair: true));

        var month = counts.ToView();
        month.Visits.Should().Be(2);
        month.OnTime.Should().Be(1);
        month.Technicians["S-T1"].Should().Be(new Grains.Interfaces.Dealerships.TechnicianMonth(2, 1, 1));
        month.Advisors["S-A1"].Should().Be(new Grains.Interfaces.Dealerships.AdvisorMonth(2, 0));
    }

    [Fact]
    public void Csat_answers_sum_their_scores_and_count_four_and_five_as_satisfied_and_upsells_count_for_their_advisor()
    {
        var counts = new PerformanceCounts();
        counts.Count(new CsatSubmitted("SV-1", "JC-1", "C-1", "S-A1", ["S-T1"], 5, true));
        counts.Count(new CsatSubmitted("SV-2", "JC-2", "C-1", null, [], 4, false));
        counts.Count(new CsatSubmitted("SV-3", "JC-3", "C-1", null, [], 2, true));
        counts.Count(new UpsellSold("U-1", "C-1", "S-A2", UpsellProduct.Amc, 10m));
        counts.Count(new NpsSubmitted("SV-4", "C-1", null, "S-A1", 10));

        var month = counts.ToView();
        (month.CsatAnswers, month.CsatSum, month.CsatSatisfied).Should().Be((3L, 11L, 2L));
        month.Advisors["S-A2"].Should().Be(new Grains.Interfaces.Dealerships.AdvisorMonth(0, 1));
        month.Advisors.Should().NotContainKey("S-A1", "an NPS answer counts nothing here");
        month.Visits.Should().Be(0);
    }
}
