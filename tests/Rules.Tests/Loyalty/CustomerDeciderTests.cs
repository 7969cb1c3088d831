using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.Loyalty;

/// <summary>The customer's decisions without a silo: state in, state changed and effects out as data.</summary>
public class CustomerDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly CustomerDecider Decider = new(
        new ProgramOptions(), new ProgramCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System), programVersion: 3);

    private static DmsEvent Event(string id, EventData data, string dealershipId = "DLR-1") => new("dms", id, Now.AddMinutes(-10), dealershipId, data);

    private static DmsEvent Visit(string id, string customerId) => Event(id, new VisitCompleted(
        "JC-" + id, customerId, "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", ["S-T1"], Now.AddHours(-1), Now.AddHours(-2), true, false, true, 10_000m));

    private static DmsEvent Referral(string id, string referrer, string referee) =>
        Event(id, new ReferralConverted("REF-" + id, referrer, referee, "CT-" + id));

    [Fact]
    public void A_scheduled_visit_asks_the_event_s_budget_for_500_points_under_the_event_s_transfer_id_and_enrols_the_customer_there()
    {
        var state = new CustomerState();

        var decision = Decider.Apply(state, "C-1", Visit("v1", "C-1"), referral: null, Now);

        decision.Changed.Should().BeTrue();
        decision.Effects.Awards.Select(a => a with { Explanation = null }).Should().Equal(new AwardAsk("dms:v1:customer:C-1", 500, "dms:v1", "DLR-1", Now.AddMinutes(-10)));
        state.HomeDealershipId.Should().Be("DLR-1");
        state.EnrolledOn.Should().Be(new DateOnly(2026, 12, 7), "the program's day in Asia/Kolkata");
        state.Qualifying.Since(Now.AddYears(-1)).Should().Be(500, "asked points qualify at once, funded or pending");
        decision.Effects.Entries.Should().BeEmpty();
    }

    [Fact]
    public void An_award_names_the_rule_its_inputs_and_the_program_version_that_made_it()
    {
        var explanation = Decider.Apply(new CustomerState { Tier = Tier.Gold }, "C-1", Visit("v9", "C-1"), referral: null, Now).Effects.Awards.Single().Explanation!;

        explanation.Rule.Should().Be("visit.scheduled");
        explanation.Inputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["tier"] = "gold", ["multiplier"] = "1.25", ["invoiceAmount"] = "10000.00" });
        explanation.ProgramVersion.Should().Be(3);
        explanation.Text().Should().Be("visit, scheduled, tier gold ×1.25, version 3");
    }

    [Fact]
    public void The_rewarded_conversion_pays_the_referrer_5000_and_the_referee_2500()
    {
        var claim = new ReferralClaim(Rewarded: true, "dms:r1", "C-A");
        var conversion = Referral("r1", "C-A", "C-B");

        Decider.Apply(new CustomerState(), "C-A", conversion, claim, Now).Effects.Awards.Single().Points.Should().Be(5_000);
        Decider.Apply(new CustomerState(), "C-B", conversion, claim, Now).Effects.Awards.Single().Points.Should().Be(2_500);
    }

    [Fact]
    public void Another_conversion_of_a_rewarded_referee_pays_nobody_and_leaves_a_zero_point_entry_on_the_referrer_s_ledger()
    {
        var claim = new ReferralClaim(Rewarded: false, "dms:r1", "C-A");
        var conversion = Referral("r2", "C-C", "C-B");

        var referrer = Decider.Apply(new CustomerState(), "C-C", conversion, claim, Now).Effects;
        var referee = Decider.Apply(new CustomerState(), "C-B", conversion, claim, Now).Effects;

        referrer.Awards.Should().BeEmpty();
        var ignored = referrer.Entries.Single();
        (ignored.Id, ignored.Kind, ignored.Points, ignored.SourceEventId).Should().Be(("ignored:dms:r2:customer:C-C", EntryKinds.Ignored, 0L, "dms:r2"));
        ignored.Note.Should().Contain("C-B").And.Contain("C-A");
        referee.Awards.Should().BeEmpty();
        referee.Entries.Should().BeEmpty();
    }

    [Fact]
    public void A_conversion_decided_without_the_referral_s_answer_is_refused()
    {
        var act = () => Decider.Apply(new CustomerState(), "C-A", Referral("r1", "C-A", "C-B"), referral: null, Now);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_performance_lease_makes_the_customer_platinum_at_once_and_tells_them()
    {
        var state = new CustomerState();
        var lease = Event("c1", new ContractSigned("CT-1", "C-1", "VIN9", VehicleClass.Performance, Ownership.Lease, ContractKind.New));

        var effects = Decider.Apply(state, "C-1", lease, referral: null, Now).Effects;

        state.Tier.Should().Be(Tier.Platinum);
        var upgrade = effects.Notifications.Single();
        (upgrade.Type, upgrade.Target, upgrade.Data["from"], upgrade.Data["to"]).Should().Be((NotificationTypes.TierUpgraded, "customer:C-1", "silver", "platinum"));
        effects.Awards.Single().Points.Should().Be(40_000);
    }

    [Fact]
    public void The_review_brings_a_customer_whose_points_lapsed_back_to_silver_on_their_day_once_and_takes_them_off_the_list()
    {
        var state = new CustomerState { Tier = Tier.Gold, EnrolledOn = new DateOnly(2025, 12, 7), ReviewDayEnrolled = "12-07" };
        var day = new DateOnly(2026, 12, 7);

        Decider.Review(state, "C-1", new DateOnly(2026, 12, 8), Now).Should().BeNull("it is not the customer's review day");
        var review = Decider.Review(state, "C-1", day, Now)!;
        var again = Decider.Review(state, "C-1", day, Now)!;

        review.Changed.Should().BeTrue();
        state.Tier.Should().Be(Tier.Silver);
        state.ReviewDayEnrolled.Should().BeNull();
        review.Effects.Notifications.Single().Type.Should().Be(NotificationTypes.TierReviewed);
        again.Changed.Should().BeFalse("a day is reviewed once");
        again.Effects.Notifications.Should().BeEmpty();
    }

    [Fact]
    public void A_customer_hears_of_points_expiring_within_30_days_once_per_expiry_day()
    {
        var state = new CustomerState();
        state.Wallet.Earn(500, Now.AddDays(20));
        state.Wallet.Earn(300, Now.AddDays(40));

        var first = Decider.NoticeExpiring(state, "C-1", Now);
        var again = Decider.NoticeExpiring(state, "C-1", Now);
        var later = Decider.NoticeExpiring(state, "C-1", Now.AddDays(15));

        var notice = first.Effects.Notifications.Single();
        (notice.Type, notice.Target, notice.Data["points"]).Should().Be((NotificationTypes.PointsExpiring, "customer:C-1", "500"));
        again.Changed.Should().BeFalse();
        again.Effects.Notifications.Should().BeEmpty("the lot was announced already");
        later.Effects.Notifications.Single().Data["points"].Should().Be("300", "the second lot is within 30 days now, the first was told");
    }
}
