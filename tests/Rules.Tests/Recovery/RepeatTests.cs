using Pitstop.Grains.Configuration;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class RepeatTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly RecoveryRules _rules = new(new RecoveryOptions());

    [Fact]
    public void Another_incident_179_days_before_makes_a_repeat() =>
        _rules.IsRepeat(Opened, [Opened.AddDays(-179)]).Should().BeTrue();

    [Fact]
    public void Another_incident_exactly_180_days_before_still_makes_a_repeat() =>
        _rules.IsRepeat(Opened, [Opened.AddDays(-180)]).Should().BeTrue();

    [Fact]
    public void Another_incident_181_days_before_does_not() =>
        _rules.IsRepeat(Opened, [Opened.AddDays(-181)]).Should().BeFalse();

    [Fact]
    public void A_later_incident_does_not_make_an_earlier_one_a_repeat() =>
        _rules.IsRepeat(Opened, [Opened.AddSeconds(1), Opened.AddDays(10)]).Should().BeFalse();

    [Fact]
    public void An_incident_opened_at_the_same_instant_does_not_count() =>
        _rules.IsRepeat(Opened, [Opened]).Should().BeFalse();

    [Fact]
    public void A_first_incident_is_no_repeat() =>
        _rules.IsRepeat(Opened, []).Should().BeFalse();

    [Fact]
    public void One_opening_within_the_window_is_enough_among_others_outside_it() =>
        _rules.IsRepeat(Opened, [Opened.AddDays(-400), Opened.AddDays(-30), Opened.AddDays(5)]).Should().BeTrue();

    [Fact]
    public void The_window_is_configuration()
    {
        var rules = new RecoveryRules(new RecoveryOptions { RepeatWindowDays = 30 });

        rules.IsRepeat(Opened, [Opened.AddDays(-30)]).Should().BeTrue();
        rules.IsRepeat(Opened, [Opened.AddDays(-31)]).Should().BeFalse();
    }

    [Fact]
    public void A_window_of_zero_days_makes_no_repeats() =>
        new RecoveryRules(new RecoveryOptions { RepeatWindowDays = 0 }).IsRepeat(Opened, [Opened.AddMinutes(-1)]).Should().BeFalse();
}
