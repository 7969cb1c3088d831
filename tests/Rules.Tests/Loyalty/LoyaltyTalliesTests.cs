using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.Loyalty;

/// <summary>
/// What the customer's decisions tally for the loyalty dashboard: effects as data, each under a key
/// that names the fact, in the home dealership's month of the program's calendar.
/// </summary>
public class LoyaltyTalliesTests
{
    // 20:00 UTC on 30 November is 1 December in Asia/Kolkata: the program's month, not UTC's.
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);
    private static readonly CustomerDecider Decider = new(
        new ProgramOptions(), new ProgramCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System), programVersion: 1);

    private static DmsEvent Event(string id, EventData data) => new("dms", id, Now.AddMinutes(-10), "DLR-1", data);

    private static List<LoyaltyTally> Tallies(MemberDecision decision) => [.. decision.Effects.Deliveries.OfType<LoyaltyTallyDelivery>().Select(d => d.Tally)];

    [Fact]
    public void An_upgrade_at_once_is_tallied_in_the_program_s_month_under_the_home_dealership()
    {
        var state = new CustomerState();
        var lease = Event("c1", new ContractSigned("CT-1", "C-1", "VIN9", VehicleClass.Mid, Ownership.Lease, ContractKind.New));

        var decision = Decider.Apply(state, "C-1", lease, referral: null, Now);
        var tally = Tallies(decision).Single();

        (tally.Kind, tally.Tier, tally.DealershipId, tally.Month).Should().Be((LoyaltyTallyKind.TierUpgrade, Tier.Gold, "DLR-1", "2026-12"));
        tally.GrainKey.Should().Be("DLR-1|2026-12");
        decision.Effects.Deliveries.OfType<LoyaltyTallyDelivery>().Single().Target.Should().Be("loyalty-month:DLR-1|2026-12", "the outbox sends a month its tallies together");
        tally.Key.Should().Contain("C-1");
    }

    [Fact]
    public void An_event_that_changes_no_tier_tallies_nothing()
    {
        var state = new CustomerState { HomeDealershipId = "DLR-1", Tier = Tier.Gold };
        var visit = Event("v1", new VisitCompleted(
            "JC-1", "C-1", "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", ["S-T1"], Now.AddHours(-1), Now.AddHours(-2), true, false, true, 10_000m));

        Tallies(Decider.Apply(state, "C-1", visit, referral: null, Now)).Should().BeEmpty();
    }

    [Fact]
    public void A_review_that_keeps_gold_is_a_renewal_tallied_once_however_often_the_day_is_asked()
    {
        var state = new CustomerState { Tier = Tier.Gold, HomeDealershipId = "DLR-1", EnrolledOn = new DateOnly(2025, 12, 1), ReviewDayEnrolled = "12-01" };
        state.Qualifying.Add("dms:x:customer:C-1", Now.AddDays(-30), 60_000);
        var day = new DateOnly(2026, 12, 1);

        var review = Decider.Review(state, "C-1", day, Now)!;
        var again = Decider.Review(state, "C-1", day, Now)!;

        var tally = Tallies(review).Single();
        (tally.Kind, tally.Tier, tally.Month).Should().Be((LoyaltyTallyKind.TierRenewal, Tier.Gold, "2026-12"));
        Tallies(again).Should().BeEmpty("a day is reviewed once");
    }

    [Fact]
    public void A_review_on_the_day_the_customer_was_first_seen_renews_nothing()
    {
        var state = new CustomerState { Tier = Tier.Gold, HomeDealershipId = "DLR-1", EnrolledOn = new DateOnly(2026, 12, 1) };
        state.Qualifying.Add("dms:x:customer:C-1", Now.AddHours(-1), 60_000);

        var review = Decider.Review(state, "C-1", new DateOnly(2026, 12, 1), Now)!;

        review.Changed.Should().BeTrue("the day is reviewed");
        Tallies(review).Should().BeEmpty("the tier was reached that day");
    }

    [Fact]
    public void A_review_that_lowers_the_tier_is_a_downgrade_and_a_silver_kept_silver_is_no_renewal()
    {
        var gold = new CustomerState { Tier = Tier.Gold, HomeDealershipId = "DLR-1", EnrolledOn = new DateOnly(2025, 12, 1) };
        var silver = new CustomerState { HomeDealershipId = "DLR-1", EnrolledOn = new DateOnly(2025, 12, 1) };
        var day = new DateOnly(2026, 12, 1);

        var downgrade = Tallies(Decider.Review(gold, "C-1", day, Now)!).Single();

        (downgrade.Kind, downgrade.Tier).Should().Be((LoyaltyTallyKind.TierDowngrade, Tier.Silver));
        Tallies(Decider.Review(silver, "C-2", day, Now)!).Should().BeEmpty();
    }

    [Fact]
    public void A_rewarded_conversion_counts_one_conversion_at_the_referrer_and_the_points_of_each_side()
    {
        var claim = new ReferralClaim(Rewarded: true, "dms:r1", "C-A");
        var conversion = Event("r1", new ReferralConverted("REF-1", "C-A", "C-B", "CT-1"));

        var referrer = Tallies(Decider.Apply(new CustomerState(), "C-A", conversion, claim, Now));
        var referee = Tallies(Decider.Apply(new CustomerState(), "C-B", conversion, claim, Now));

        referrer.Select(t => (t.Kind, t.Points)).Should().BeEquivalentTo([(LoyaltyTallyKind.ReferralPoints, 5_000L), (LoyaltyTallyKind.ReferralConverted, 0L)]);
        referee.Select(t => (t.Kind, t.Points)).Should().Equal((LoyaltyTallyKind.ReferralPoints, 2_500L));
    }

    [Fact]
    public void A_conversion_that_rewards_nobody_tallies_nothing()
    {
        var claim = new ReferralClaim(Rewarded: false, "dms:r1", "C-A");
        var conversion = Event("r2", new ReferralConverted("REF-2", "C-C", "C-B", "CT-2"));

        Tallies(Decider.Apply(new CustomerState(), "C-C", conversion, claim, Now)).Should().BeEmpty();
    }

    [Fact]
    public void A_code_is_issued_once_per_known_customer_and_not_to_one_without_a_dealership()
    {
        var known = new CustomerState { HomeDealershipId = "DLR-1" };

        var first = Decider.IssueReferralCode(known, "C-1", Now);
        var again = Decider.IssueReferralCode(known, "C-1", Now.AddDays(40));
        var unknown = Decider.IssueReferralCode(new CustomerState(), "C-2", Now);

        first.Changed.Should().BeTrue();
        (Tallies(first).Single().Kind, Tallies(first).Single().Month).Should().Be((LoyaltyTallyKind.ReferralCodeIssued, "2026-12"));
        again.Changed.Should().BeFalse();
        Tallies(again).Should().BeEmpty();
        unknown.Changed.Should().BeFalse();
        Tallies(unknown).Should().BeEmpty();
    }

    [Fact]
    public void A_redemption_is_tallied_once_in_its_placement_month_and_its_cancellation_later_is_taken_off_that_month()
    {
        var state = new CustomerState { HomeDealershipId = "DLR-1" };
        var placedAt = new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero);
        state.Redemptions["r-1"] = new Redemption("r-1", "ITEM-1", 2, 600, RedemptionStatus.Placed, placedAt, [], RewardCategory.Dining);

        var placed = Tallies(Decider.TallyRedemptions(state, "C-1", Now)).Single();
        var nothingNew = Decider.TallyRedemptions(state, "C-1", Now);
        state.Redemptions["r-1"] = state.Redemptions["r-1"] with { Status = RedemptionStatus.Cancelled };
        var cancelled = Tallies(Decider.TallyRedemptions(state, "C-1", Now)).Single();

        (placed.Kind, placed.Category, placed.Points, placed.Month).Should().Be((LoyaltyTallyKind.Redemption, RewardCategory.Dining, 600L, "2026-10"));
        nothingNew.Changed.Should().BeFalse();
        Tallies(nothingNew).Should().BeEmpty();
        (cancelled.Kind, cancelled.Category, cancelled.Points, cancelled.Month).Should().Be((LoyaltyTallyKind.RedemptionCancelled, RewardCategory.Dining, 600L, "2026-10"));
        cancelled.Key.Should().NotBe(placed.Key);
    }
}
