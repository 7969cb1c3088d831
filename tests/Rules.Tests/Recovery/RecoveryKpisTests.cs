using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

/// <summary>The recovery KPIs beside NPS: expectations exceeded, recovery points redeemed, complaints escalated.</summary>
public class RecoveryKpisTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static KeyValuePair<int, RecoveryExpectations?> Answer(int day, RecoveryExpectations? said) => KeyValuePair.Create(day, said);

    [Fact]
    public void The_latest_follow_up_that_asked_about_expectations_gives_the_answer() =>
        RecoveryKpis.LatestExpectations([Answer(30, RecoveryExpectations.Below), Answer(7, RecoveryExpectations.Exceeded)])
            .Should().Be(RecoveryExpectations.Below);

    [Fact]
    public void A_later_follow_up_that_did_not_ask_leaves_the_earlier_answer() =>
        RecoveryKpis.LatestExpectations([Answer(7, RecoveryExpectations.Exceeded), Answer(30, null)])
            .Should().Be(RecoveryExpectations.Exceeded);

    [Fact]
    public void Without_an_answer_there_are_no_expectations() =>
        RecoveryKpis.LatestExpectations([Answer(7, null)]).Should().BeNull();

    [Fact]
    public void A_support_case_opened_while_a_complaint_waits_for_its_recovery_escalates_it()
    {
        RecoveryKpis.Escalated(IncidentKind.Complaint, T0, deliveredAt: null, [new SupportCaseSeen("CS-1", T0.AddHours(2))]).Should().BeTrue("not recovered yet");
        RecoveryKpis.Escalated(IncidentKind.Complaint, T0, T0.AddDays(1), [new SupportCaseSeen("CS-1", T0)]).Should().BeTrue("opened with the complaint");
        RecoveryKpis.Escalated(IncidentKind.Complaint, T0, T0.AddDays(1), [new SupportCaseSeen("CS-1", T0.AddDays(1).AddSeconds(-1))]).Should().BeTrue("just before delivery");
    }

    [Fact]
    public void A_support_case_before_the_complaint_or_from_its_recovery_on_does_not_escalate_it()
    {
        RecoveryKpis.Escalated(IncidentKind.Complaint, T0, null, [new SupportCaseSeen("CS-1", T0.AddSeconds(-1))]).Should().BeFalse("opened before the complaint");
        RecoveryKpis.Escalated(IncidentKind.Complaint, T0, T0.AddDays(1), [new SupportCaseSeen("CS-1", T0.AddDays(1))]).Should().BeFalse("opened at delivery");
        RecoveryKpis.Escalated(IncidentKind.Complaint, T0, null, []).Should().BeFalse("no case");
    }

    [Theory]
    [InlineData(IncidentKind.Delay)]
    [InlineData(IncidentKind.Defect)]
    public void Only_complaints_escalate(IncidentKind kind) =>
        RecoveryKpis.Escalated(kind, T0, null, [new SupportCaseSeen("CS-1", T0.AddHours(1))]).Should().BeFalse();

    [Fact]
    public void A_redemption_after_a_recovery_counts_against_it_up_to_its_amount()
    {
        var redeemed = RecoveryKpis.RedeemedByRecovery(
            [new RecoveryGiven("delay:JC-1", T0, 5_000)],
            [new RedemptionSpent("R-1", T0.AddDays(1), 3_000), new RedemptionSpent("R-2", T0.AddDays(2), 4_000)]);

        redeemed.Should().Equal(new Dictionary<string, long> { ["delay:JC-1"] = 5_000 });
    }

    [Fact]
    public void A_redemption_before_a_recovery_was_received_does_not_count_against_it()
    {
        var redeemed = RecoveryKpis.RedeemedByRecovery(
            [new RecoveryGiven("delay:JC-1", T0, 5_000)],
            [new RedemptionSpent("R-1", T0.AddSeconds(-1), 3_000), new RedemptionSpent("R-2", T0, 1_000)]);

        redeemed.Should().Equal(new Dictionary<string, long> { ["delay:JC-1"] = 1_000 });
    }

    [Fact]
    public void Redemptions_fill_recoveries_oldest_first_whatever_order_they_are_listed_in()
    {
        var redeemed = RecoveryKpis.RedeemedByRecovery(
            [new RecoveryGiven("complaint:CMP-2", T0.AddDays(1), 30_000), new RecoveryGiven("delay:JC-1", T0, 5_000)],
            [new RedemptionSpent("R-2", T0.AddDays(3), 10_000), new RedemptionSpent("R-1", T0.AddDays(2), 2_000)]);

        // R-1 (2,000) into the delay's 5,000; R-2 fills its last 3,000 and puts 7,000 into the complaint's.
        redeemed.Should().Equal(new Dictionary<string, long> { ["delay:JC-1"] = 5_000, ["complaint:CMP-2"] = 7_000 });
    }

    [Fact]
    public void A_recovery_received_after_a_redemption_gets_only_what_later_redemptions_spend()
    {
        var redeemed = RecoveryKpis.RedeemedByRecovery(
            [new RecoveryGiven("delay:JC-1", T0, 5_000), new RecoveryGiven("defect:JC-2", T0.AddDays(2), 15_000)],
            [new RedemptionSpent("R-1", T0.AddDays(1), 8_000), new RedemptionSpent("R-2", T0.AddDays(3), 1_000)]);

        redeemed.Should().Equal(new Dictionary<string, long> { ["delay:JC-1"] = 5_000, ["defect:JC-2"] = 1_000 });
    }

    [Fact]
    public void Recoveries_with_nothing_redeemed_answer_zero_and_empty_ones_are_left_out()
    {
        var redeemed = RecoveryKpis.RedeemedByRecovery([new RecoveryGiven("delay:JC-1", T0, 5_000), new RecoveryGiven("delay:JC-0", T0, 0)], []);

        redeemed.Should().Equal(new Dictionary<string, long> { ["delay:JC-1"] = 0 });
    }
}
