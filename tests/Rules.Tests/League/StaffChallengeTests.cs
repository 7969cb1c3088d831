using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.League;
using Pitstop.Grains.Staff;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.League;

/// <summary>A member's decisions on the challenges the grain gathered for them: counted in scope and period, paid once.</summary>
public class StaffChallengeTests
{
    // 2026-12-07 11:30 in Asia/Kolkata.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System);

    private static readonly StaffDecider Decider = new(new ProgramOptions(), Calendar, programVersion: 1);

    private static Challenge OnTime(string id, DateOnly from, ChallengeScope? scope = null, DateTimeOffset? closedAt = null) =>
        new(id, "Two on time", LeagueMetric.OnTime, 2, 250, scope ?? ChallengeScope.National, from, new DateOnly(2026, 12, 20), closedAt);

    private static ChallengesInForce Of(params Challenge[] challenges) =>
        new(challenges, new Dictionary<string, string?> { ["DLR-1"] = "KA", ["DLR-2"] = "KA" }, Calendar);

    private static DmsEvent Visit(string id, string dealershipId = "DLR-1", DateTimeOffset? at = null) => new("dms", id, at ?? Now.AddMinutes(-10), dealershipId, new VisitCompleted(
        "JC-" + id, "C-1", "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", ["S-T1"], Now.AddHours(-1), Now.AddHours(-2), true, false, true, 10_000m));

    private static IEnumerable<AwardAsk> Bonuses(MemberEffects effects) => effects.Awards.Where(a => a.TransferId.StartsWith("challenge:", StringComparison.Ordinal));

    [Fact]
    public void Reaching_a_dated_challenge_s_target_pays_its_points_once_for_the_run_and_tells_the_member()
    {
        var challenges = Of(OnTime("december", new DateOnly(2026, 12, 5)));
        var state = new StaffState();

        var first = Decider.Apply(state, "S-T1", Visit("v1"), Now, challenges).Effects;
        var second = Decider.Apply(state, "S-T1", Visit("v2"), Now, challenges).Effects;
        var third = Decider.Apply(state, "S-T1", Visit("v3"), Now, challenges).Effects;

        Bonuses(first).Should().BeEmpty();
        Bonuses(second).Select(a => a with { Explanation = null }).Should().Equal(new AwardAsk("challenge:december:2026-12-05:staff:S-T1", 250, "challenge:december:2026-12-05", "DLR-1", Now.AddMinutes(-10)));
        second.Notifications.Should().ContainSingle(n => n.Type == NotificationTypes.ChallengeCompleted && n.Data["challenge"] == "december" && n.Data["bonus"] == "250");
        Bonuses(third).Should().BeEmpty("a run pays once");
        third.Notifications.Should().NotContain(n => n.Type == NotificationTypes.ChallengeCompleted);
        (state.ChallengeProgress["december:2026-12-05"].Count, state.ChallengeProgress["december:2026-12-05"].Completed).Should().Be((3, true));
    }

    [Fact]
    public void An_event_before_a_scheduled_challenge_s_first_day_does_not_count_towards_it()
    {
        var challenges = Of(OnTime("later", new DateOnly(2026, 12, 8)));
        var state = new StaffState();

        Decider.Apply(state, "S-T1", Visit("v1"), Now, challenges);
        Decider.Apply(state, "S-T1", Visit("v2"), Now, challenges);
        var onItsDay = Decider.Apply(state, "S-T1", Visit("v3", at: new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.FromHours(5.5))), Now, challenges);

        Bonuses(onItsDay.Effects).Should().BeEmpty("only one of the three events fell in the challenge's run");
        state.ChallengeProgress["later:2026-12-08"].Count.Should().Be(1);
    }

    [Fact]
    public void Another_dealership_s_challenge_does_not_count_a_member_s_events_and_a_state_s_counts_those_of_its_dealerships()
    {
        var challenges = Of(OnTime("dlr-2", new DateOnly(2026, 12, 1), new(ChallengeScopeKind.Dealership, "DLR-2")), OnTime("ka", new DateOnly(2026, 12, 1), new(ChallengeScopeKind.State, "KA")));
        var state = new StaffState();

        Decider.Apply(state, "S-T1", Visit("v1"), Now, challenges);
        var second = Decider.Apply(state, "S-T1", Visit("v2"), Now, challenges).Effects;

        state.ChallengeProgress.Keys.Should().Equal("ka:2026-12-01");
        Bonuses(second).Select(a => a.TransferId).Should().Equal("challenge:ka:2026-12-01:staff:S-T1");
    }

    [Fact]
    public void A_closed_challenge_counts_no_event_from_its_close_time_and_what_it_paid_stays()
    {
        var open = OnTime("closing", new DateOnly(2026, 12, 1));
        var state = new StaffState();
        Decider.Apply(state, "S-T1", Visit("v1"), Now, Of(open));
        Decider.Apply(state, "S-T1", Visit("v2"), Now, Of(open));
        var paid = state.KpiPoints;

        var closed = Of(open with { ClosedAt = Now.AddMinutes(-5) });
        Decider.Apply(state, "S-T1", Visit("v3", at: Now.AddMinutes(-1)), Now, closed);
        Decider.Apply(state, "S-T1", Visit("v4", at: Now.AddMinutes(-6)), Now, closed);

        state.ChallengeProgress["closing:2026-12-01"].Count.Should().Be(3, "the event after the close did not count; the late one from before it did");
        state.KpiPoints.Should().Be(paid + (2 * 192), "the bonus stays paid and the visits still earn their KPI points");
    }

    [Fact]
    public void An_ended_month_s_achievements_and_monthly_runs_go_as_the_next_month_counts_and_a_dated_run_stays()
    {
        var monthly = new Challenge("monthly", "Two on time", LeagueMetric.OnTime, 2, 250, ChallengeScope.National, null, null, null);
        var challenges = Of(monthly, OnTime("december", new DateOnly(2026, 12, 5)));
        var state = new StaffState();
        // Months a state stored before kept (24 of them).
        state.Achievements["2025-06"] = new LeagueMonthRecord();
        state.Achievements["2026-11"] = new LeagueMonthRecord();
        Decider.Apply(state, "S-T1", Visit("v1"), Now, challenges);
        state.ChallengeProgress.Keys.Should().BeEquivalentTo("monthly:2026-12", "december:2026-12-05");

        // 2027-01-04 11:30 in Asia/Kolkata.
        var january = new DateTimeOffset(2027, 1, 4, 6, 0, 0, TimeSpan.Zero);
        Decider.Apply(state, "S-T1", Visit("v2", at: january.AddMinutes(-10)), january, challenges);

        state.Achievements.Keys.Should().Equal("2027-01");
        state.ChallengeProgress.Keys.Should().BeEquivalentTo("monthly:2027-01", "december:2026-12-05");
        state.ChallengeProgress["monthly:2027-01"].Count.Should().Be(1, "January's run starts from January's count");
    }
}
