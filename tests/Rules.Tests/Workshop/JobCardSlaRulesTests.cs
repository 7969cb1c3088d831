using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Workshop;
using Pitstop.Grains.Workshop;

namespace Pitstop.Rules.Tests.Workshop;

public class JobCardSlaRulesTests
{
    private static readonly DateTimeOffset Promised = new(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(5.5));

    private static readonly JobCardWatch Card = new("JC-1", "C-1", "S-A1", Promised);

    private readonly JobCardSlaRules _rules = new(new WorkshopOptions());

    [Fact]
    public void Nothing_is_due_before_the_warning() =>
        _rules.AlertDue(Card, Promised.AddMinutes(-30).AddTicks(-1)).Should().BeNull();

    [Fact]
    public void The_warning_is_due_30_minutes_before_the_promise() =>
        _rules.AlertDue(Card, Promised.AddMinutes(-30)).Should().Be(SlaAlert.Approaching);

    [Fact]
    public void The_warning_is_raised_once() =>
        _rules.AlertDue(JobCardSlaRules.Raised(Card, SlaAlert.Approaching), Promised.AddMinutes(-1)).Should().BeNull();

    [Fact]
    public void The_breach_is_due_at_the_promise() =>
        _rules.AlertDue(JobCardSlaRules.Raised(Card, SlaAlert.Approaching), Promised).Should().Be(SlaAlert.Breached);

    [Fact]
    public void A_review_that_comes_after_the_promise_raises_the_breach_only()
    {
        var breached = JobCardSlaRules.Raised(Card, _rules.AlertDue(Card, Promised.AddHours(3))!.Value);

        breached.BreachedRaised.Should().BeTrue();
        breached.ApproachingRaised.Should().BeFalse();
        _rules.AlertDue(breached, Promised.AddHours(4)).Should().BeNull("a breach is raised once and the warning is past");
    }

    [Fact]
    public void A_card_opened_inside_the_warning_is_warned_at_once() =>
        _rules.AlertDue(Card, Promised.AddMinutes(-10)).Should().Be(SlaAlert.Approaching);

    [Fact]
    public void The_warning_is_configuration()
    {
        var rules = new JobCardSlaRules(new WorkshopOptions { SlaWarning = TimeSpan.FromHours(1) });

        rules.ApproachingAt(Promised).Should().Be(Promised.AddHours(-1));
        rules.AlertDue(Card, Promised.AddMinutes(-45)).Should().Be(SlaAlert.Approaching);
    }

    [Fact]
    public void A_card_is_held_until_seven_days_after_its_promise()
    {
        _rules.Holds(Promised, Promised.AddDays(7).AddTicks(-1)).Should().BeTrue();
        _rules.Holds(Promised, Promised.AddDays(7)).Should().BeFalse();
    }

    [Fact]
    public void A_promise_still_ahead_is_held() =>
        _rules.Holds(Promised, Promised.AddDays(-30)).Should().BeTrue();

    [Fact]
    public void The_watch_is_handed_job_cards_opened_and_completed_only()
    {
        JobCardSlaRules.Watches(new VisitOpened("JC-1", "C-1", "VIN1", "S-A1", [], Promised)).Should().BeTrue();
        JobCardSlaRules.Watches(new VisitCompleted("JC-1", "C-1", "VIN1", VehicleClass.Mid, VisitKind.Repair, "S-A1", [], Promised, Promised, true, false, true, 0m))
            .Should().BeTrue();
        JobCardSlaRules.Watches(new IncidentResolved("delay:JC-1", Promised, null)).Should().BeFalse();
    }

    [Fact]
    public void A_card_promised_at_the_end_of_time_is_held_and_warned_of_at_the_end_of_time_without_overflow()
    {
        var end = DateTimeOffset.MaxValue.AddSeconds(-1);

        _rules.Holds(end, Promised).Should().BeTrue();
        _rules.ApproachingAt(DateTimeOffset.MinValue).Should().Be(DateTimeOffset.MinValue);
    }
}
