using Pitstop.Grains.Configuration;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class SlaTests
{
    private static readonly DateTimeOffset Closed = new(2026, 11, 22, 11, 0, 0, TimeSpan.FromHours(5.5));
    private static readonly DateTimeOffset Due = Closed.AddHours(24);

    private readonly RecoveryRules _rules = new(new RecoveryOptions());

    [Fact]
    public void The_recovery_is_due_24_hours_after_closure() =>
        _rules.DueBy(Closed).Should().Be(Due);

    [Fact]
    public void The_promise_is_configuration() =>
        new RecoveryRules(new RecoveryOptions { DeliveryPromise = TimeSpan.FromHours(12) }).DueBy(Closed).Should().Be(Closed.AddHours(12));

    [Fact]
    public void Delivered_exactly_at_the_due_time_is_not_breached() =>
        _rules.Breached(Closed, deliveredAt: Due, now: Due.AddDays(3)).Should().BeFalse();

    [Fact]
    public void Delivered_one_second_after_the_due_time_is_breached() =>
        _rules.Breached(Closed, deliveredAt: Due.AddSeconds(1), now: Due.AddDays(3)).Should().BeTrue();

    [Fact]
    public void Delivered_in_time_stays_kept_however_late_it_is_now() =>
        _rules.Breached(Closed, deliveredAt: Closed.AddMinutes(1), now: Due.AddDays(30)).Should().BeFalse();

    [Fact]
    public void Not_delivered_and_past_due_is_breached() =>
        _rules.Breached(Closed, deliveredAt: null, now: Due.AddSeconds(1)).Should().BeTrue();

    [Fact]
    public void Not_delivered_while_time_remains_is_not_breached()
    {
        _rules.Breached(Closed, deliveredAt: null, now: Closed.AddHours(23)).Should().BeFalse();
        _rules.Breached(Closed, deliveredAt: null, now: Due).Should().BeFalse("the promise runs out only after the due time");
    }

    [Fact]
    public void A_closure_stored_at_the_end_of_time_is_due_at_the_end_of_time_and_retains_nobody()
    {
        var end = DateTimeOffset.MaxValue.AddSeconds(-1);

        _rules.DueBy(end).Should().Be(DateTimeOffset.MaxValue);
        _rules.Breached(end, null, Closed).Should().BeFalse();
        _rules.Retained([new VisitSeen("JC-2", end)], end, "JC-1").Should().BeFalse();
    }
}
