using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;
using Pitstop.Grains.Staff;

namespace Pitstop.Rules.Tests.League;

/// <summary>Which challenges judge an event: by scope, by days in the program's time zone, by close time; and what a member's standing is.</summary>
public class ChallengesInForceTests
{
    private static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System);

    private static readonly DateOnly November1 = new(2026, 11, 1);
    private static readonly DateOnly November30 = new(2026, 11, 30);

    private static readonly Dictionary<string, string?> States = new() { ["DLR-KA-1"] = "KA", ["DLR-MH-1"] = "MH", ["DLR-NEW"] = null };

    private static Challenge Challenge(string id, ChallengeScope? scope = null, DateTimeOffset? closedAt = null, LeagueMetric kpi = LeagueMetric.OnTime) =>
        new(id, id, kpi, 3, 300, scope ?? ChallengeScope.National, November1, November30, closedAt);

    // Noon in Bengaluru on 15 November.
    private static readonly DateTimeOffset MidNovember = new(2026, 11, 15, 12, 0, 0, TimeSpan.FromHours(5.5));

    [Fact]
    public void An_event_is_judged_by_national_challenges_its_state_s_and_its_own_dealership_s_and_no_others()
    {
        var rules = new ChallengesInForce(
            [Challenge("national"), Challenge("ka", new(ChallengeScopeKind.State, "KA")), Challenge("dlr-ka", new(ChallengeScopeKind.Dealership, "DLR-KA-1")),
                Challenge("dlr-mh", new(ChallengeScopeKind.Dealership, "DLR-MH-1"))],
            States, Calendar);

        rules.At("DLR-KA-1", MidNovember).Select(c => c.ChallengeId).Should().Equal("dlr-ka", "ka", "national");
        rules.At("DLR-MH-1", MidNovember).Select(c => c.ChallengeId).Should().Equal("dlr-mh", "national");
        rules.At("DLR-NEW", MidNovember).Select(c => c.ChallengeId).Should().Equal(["national"], "a dealership of no known state is in no state's challenge");
    }

    [Fact]
    public void A_challenge_runs_from_the_start_of_its_first_day_to_the_end_of_its_last_in_the_program_s_time_zone()
    {
        var challenge = Challenge("november");

        ChallengesInForce.InForce(challenge, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(5.5)), Calendar).Should().BeTrue();
        ChallengesInForce.InForce(challenge, new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.FromHours(5.5)), Calendar).Should().BeFalse();
        ChallengesInForce.InForce(challenge, new DateTimeOffset(2026, 11, 30, 18, 29, 59, TimeSpan.Zero), Calendar).Should().BeTrue("23:59:59 on 30 November in India");
        ChallengesInForce.InForce(challenge, new DateTimeOffset(2026, 11, 30, 18, 30, 0, TimeSpan.Zero), Calendar).Should().BeFalse("midnight of 1 December in India");
    }

    [Fact]
    public void A_closed_challenge_judges_events_before_its_close_time_and_none_from_then_on()
    {
        var challenge = Challenge("closed", closedAt: MidNovember);

        ChallengesInForce.InForce(challenge, MidNovember.AddTicks(-1), Calendar).Should().BeTrue();
        ChallengesInForce.InForce(challenge, MidNovember, Calendar).Should().BeFalse();
    }

    [Fact]
    public void A_dated_challenge_runs_once_and_one_without_dates_every_month()
    {
        var monthly = ChallengeCatalogGrain.Seed("every-month", new ChallengeRule { Name = "Five upsells", Metric = LeagueMetric.Upsell, Count = 5, Bonus = 100 });

        ChallengesInForce.ProgressKey(Challenge("november"), "2026-11").Should().Be("november:2026-11-01");
        ChallengesInForce.ProgressKey(monthly, "2026-11").Should().Be("every-month:2026-11");
        ChallengesInForce.ProgressKey(monthly, "2026-12").Should().Be("every-month:2026-12");
        ChallengesInForce.InForce(monthly, MidNovember.AddYears(3), Calendar).Should().BeTrue();
    }

    [Fact]
    public void A_monthly_run_of_an_earlier_month_is_told_from_a_dated_run_by_its_period()
    {
        ChallengesInForce.IsMonthlyRunBefore("every-month:2026-11", "2026-12").Should().BeTrue();
        ChallengesInForce.IsMonthlyRunBefore("every-month:2026-12", "2026-12").Should().BeFalse("this month's run is counted and shown");
        ChallengesInForce.IsMonthlyRunBefore("november:2026-11-01", "2026-12").Should().BeFalse("a dated run is named by its first day");
        ChallengesInForce.IsMonthlyRunBefore("a:b:2026-10", "2026-12").Should().BeTrue("the period follows the last colon");
    }

    [Fact]
    public void A_configured_challenge_of_a_named_month_is_seeded_as_that_month_national()
    {
        var seeded = ChallengeCatalogGrain.Seed("november-15", new ChallengeRule { Name = "", Metric = LeagueMetric.OnTime, Count = 15, Bonus = 300, Month = "2026-11" });

        seeded.Should().Be(new Challenge("november-15", "november-15", LeagueMetric.OnTime, 15, 300, ChallengeScope.National, November1, November30, null));
    }

    [Fact]
    public void A_member_s_standings_are_the_challenges_in_force_for_their_dealership_whose_kpi_their_role_counts_with_their_counts()
    {
        var rules = new ChallengesInForce(
            [Challenge("on-time"), Challenge("upsells", kpi: LeagueMetric.Upsell), Challenge("elsewhere", new(ChallengeScopeKind.Dealership, "DLR-MH-1"))], States, Calendar);
        var progress = new Dictionary<string, ChallengeProgress> { ["on-time:2026-11-01"] = new() { Count = 2 } };

        rules.StandingsOf(StaffRole.Technician, "DLR-KA-1", MidNovember, progress).Select(s => (s.Challenge.ChallengeId, s.Count, s.Completed))
            .Should().Equal([("on-time", 2, false)], "a technician sells no upsells");
        rules.StandingsOf(StaffRole.Advisor, "DLR-KA-1", MidNovember, progress).Select(s => (s.Challenge.ChallengeId, s.Count))
            .Should().Equal(("on-time", 2), ("upsells", 0));
        rules.StandingsOf(StaffRole.Advisor, "DLR-KA-1", MidNovember.AddMonths(1), progress).Should().BeEmpty("November's challenges are over");
    }

    [Fact]
    public void Before_its_first_day_anything_in_a_challenge_may_change_and_once_started_only_its_title_and_last_day()
    {
        var stored = Challenge("november");
        var edited = stored with { Title = "renamed", To = November30.AddDays(5), Target = 5, Points = 500, Kpi = LeagueMetric.Csat5 };

        ChallengeEdits.RefusedFields(stored, edited, MidNovember.AddMonths(-1), Calendar).Should().BeEmpty();
        ChallengeEdits.RefusedFields(stored, edited, MidNovember, Calendar).Should().Equal("kpi", "target", "points");
        ChallengeEdits.RefusedFields(stored, stored with { Title = "renamed", To = November30.AddDays(5) }, MidNovember, Calendar).Should().BeEmpty();
    }
}
