using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.League;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Staff;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.League;

/// <summary>A staff member's decisions without a silo: state in, state changed and effects out as data.</summary>
public class StaffDeciderTests
{
    // 2026-12-07 11:30 in Asia/Kolkata: the league's month is 2026-12.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System);

    private static readonly ChallengesInForce NoChallenges = ChallengesInForce.None(Calendar);

    private static StaffDecider Decider(ProgramOptions? program = null) => new(program ?? new ProgramOptions(), Calendar, programVersion: 4);

    private static DmsEvent Visit(string id, string technicianId) => new("dms", id, Now.AddMinutes(-10), "DLR-1", new VisitCompleted(
        "JC-" + id, "C-1", "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", [technicianId], Now.AddHours(-1), Now.AddHours(-2), true, false, true, 10_000m));

    private static DmsEvent Defect(string id, string jobCardId, string technicianId) => new("dms", id, Now.AddMinutes(-5), "DLR-1",
        new QualityDefectReported(jobCardId, "C-1", DefectKind.Electrical, null, [technicianId]));

    [Fact]
    public void An_on_time_first_time_fix_gives_the_technician_kpi_points_in_the_month_an_award_to_ask_and_zero_defect_points_a_defect_can_cancel()
    {
        var state = new StaffState();

        var decision = Decider().Apply(state, "S-T1", Visit("v1", "S-T1"), Now, NoChallenges);

        decision.Changed.Should().BeTrue();
        (state.Role, state.DealershipId).Should().Be((StaffRole.Technician, "DLR-1"));
        state.KpiPoints.Should().Be(192, "program.md's technician row for an on-time, first-time-fixed, accurate visit");
        state.MonthScores.Should().Equal(new Dictionary<string, long> { ["2026-12"] = 192 });
        state.Outbox.Deliveries.Should().Equal(new BoardScoreDelivery("2026-12", 192));
        decision.Effects.Awards.Select(a => a with { Explanation = null }).Should().Equal(new AwardAsk("dms:v1:staff:S-T1", 192, "dms:v1", "DLR-1", Now.AddMinutes(-10)));
        var explanation = decision.Effects.Awards.Single().Explanation!;
        (explanation.Rule, explanation.ProgramVersion).Should().Be(("visit.technician", 4), "every award names its rule and program version");
        explanation.Inputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["onTime"] = "true", ["firstTimeFix"] = "true", ["zeroDefect"] = "true", ["multiplier"] = "1.2" });
        state.ZeroDefect.Should().ContainKey("JC-v1");
    }

    [Fact]
    public void A_defect_on_the_job_card_takes_the_zero_defect_points_back_from_score_kpi_and_wallet_and_gives_them_to_the_budget_once()
    {
        var decider = Decider();
        var state = new StaffState();
        decider.Apply(state, "S-T1", Visit("v1", "S-T1"), Now, NoChallenges);
        var zeroDefect = state.ZeroDefect["JC-v1"].Points;

        var decision = decider.Apply(state, "S-T1", Defect("d1", "JC-v1", "S-T1"), Now, NoChallenges);
        var again = decider.Apply(state, "S-T1", Defect("d2", "JC-v1", "S-T1"), Now, NoChallenges);

        state.KpiPoints.Should().Be(192 - zeroDefect);
        state.MonthScores["2026-12"].Should().Be(192 - zeroDefect);
        state.Wallet.ToBalance().Available.Should().Be(-zeroDefect, "the wallet held nothing yet and may go negative");
        decision.Effects.Returns.Should().Equal(new BudgetReturn("cancel:dms:v1:staff:S-T1", zeroDefect, "DLR-1"));
        var entry = decision.Effects.Entries.Single();
        (entry.Kind, entry.From, entry.To, entry.Points, entry.SourceEventId).Should().Be((EntryKinds.Cancellation, "staff:S-T1", "budget:DLR-1", zeroDefect, "dms:d1"));
        entry.Reverses.Should().Be("dms:v1:staff:S-T1", "a cancellation names the award it takes back");
        again.Effects.Returns.Should().BeEmpty("a job card's zero-defect points are cancelled once");
    }

    [Fact]
    public void A_configured_challenge_of_every_month_pays_once_a_month_under_the_ids_it_always_had_and_tells_the_member()
    {
        var seeded = ChallengeCatalogGrain.Seed("ftf-2", new ChallengeRule { Name = "Two first-time fixes", Metric = LeagueMetric.FirstTimeFix, Count = 2, Bonus = 300 });
        var challenges = new ChallengesInForce([seeded], new Dictionary<string, string?>(), Calendar);
        var decider = Decider();
        var state = new StaffState();

        var first = decider.Apply(state, "S-T1", Visit("v1", "S-T1"), Now, challenges).Effects;
        var second = decider.Apply(state, "S-T1", Visit("v2", "S-T1"), Now, challenges).Effects;
        var third = decider.Apply(state, "S-T1", Visit("v3", "S-T1"), Now, challenges).Effects;

        first.Awards.Should().ContainSingle();
        second.Awards.Select(a => a with { Explanation = null }).Should().Contain(new AwardAsk("challenge:ftf-2:2026-12:staff:S-T1", 300, "challenge:ftf-2:2026-12", "DLR-1", Now.AddMinutes(-10)));
        second.Awards.Single(a => a.Points == 300).Explanation!.Rule.Should().Be("challenge");
        second.Notifications.Should().ContainSingle(n => n.Type == NotificationTypes.ChallengeCompleted && n.Target == "staff:S-T1" && n.Data["name"] == "Two first-time fixes");
        third.Awards.Should().ContainSingle("the challenge pays once a month");
        state.KpiPoints.Should().Be((3 * 192) + 300);
    }

    [Fact]
    public void An_event_that_names_another_member_changes_nothing_for_one_who_exists()
    {
        var decider = Decider();
        var state = new StaffState();
        decider.Apply(state, "S-T1", Visit("v1", "S-T1"), Now, NoChallenges);

        var decision = decider.Apply(state, "S-T1", Visit("v2", "S-T2"), Now, NoChallenges);

        decision.Changed.Should().BeFalse();
        decision.Effects.Awards.Should().BeEmpty();
    }
}
