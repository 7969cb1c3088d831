using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using static Pitstop.Rules.Tests.Loyalty.CustomerEarningTests;
using Pitstop.Grains.Staff;

namespace Pitstop.Rules.Tests.League;

public class MonthAchievementsTests
{
    private static readonly HashSet<string> None = [];

    [Fact]
    public void A_visit_counts_on_time_for_technicians_and_advisors_and_first_time_fix_for_technicians_only()
    {
        MonthAchievements.MetricsOf(Visit(), StaffRole.Technician).Should().Equal(LeagueMetric.OnTime, LeagueMetric.FirstTimeFix);
        MonthAchievements.MetricsOf(Visit(), StaffRole.Advisor).Should().Equal(LeagueMetric.OnTime);
        MonthAchievements.MetricsOf(Visit(onTime: false, firstTimeFix: false), StaffRole.Technician).Should().BeEmpty();
        MonthAchievements.MetricsOf(new UpsellSold("U-1", "C-1", "S-A1", UpsellProduct.Amc, 10m), StaffRole.Advisor).Should().Equal(LeagueMetric.Upsell);
        MonthAchievements.MetricsOf(new CsatSubmitted("SV-1", "JC-1", "C-1", null, [], 4, false), StaffRole.Technician).Should().BeEmpty();
    }

    [Fact]
    public void The_default_badges_are_reached_at_their_counts_and_not_twice()
    {
        var rules = new MonthAchievements(new LeagueOptions());
        var counts = new Dictionary<LeagueMetric, int> { [LeagueMetric.FirstTimeFix] = 10, [LeagueMetric.OnTime] = 19, [LeagueMetric.Csat5] = 10, [LeagueMetric.Upsell] = 5 };

        rules.NewBadges(counts, None).Should().Equal("customer-champion", "pitstop-pro", "upsell-star");
        rules.NewBadges(counts, new HashSet<string> { MonthAchievements.BadgeKey("pitstop-pro") }).Should().Equal("customer-champion", "upsell-star");
    }

    [Fact]
    public void Asking_for_new_badges_when_the_counts_reach_none_allocates_nothing()
    {
        var rules = new MonthAchievements(new LeagueOptions());
        var counts = new Dictionary<LeagueMetric, int> { [LeagueMetric.FirstTimeFix] = 1, [LeagueMetric.OnTime] = 1 };
        rules.NewBadges(counts, None).Should().BeEmpty();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var reached = rules.NewBadges(counts, None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        reached.Should().BeEmpty();
        allocated.Should().Be(0, "a staff member asks on every event that counts towards a badge, and most reach none");
    }

    [Fact]
    public void A_badge_with_a_count_of_zero_is_switched_off()
    {
        var options = new LeagueOptions();
        options.Badges["pitstop-pro"].Count = 0;

        new MonthAchievements(options).NewBadges(new Dictionary<LeagueMetric, int> { [LeagueMetric.FirstTimeFix] = 50 }, None).Should().BeEmpty();
    }
}
