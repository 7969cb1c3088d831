using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class RetentionTests
{
    private static readonly DateTimeOffset Closed = new(2026, 11, 22, 11, 0, 0, TimeSpan.Zero);

    private readonly RecoveryRules _rules = new(new RecoveryOptions());

    [Fact]
    public void A_visit_on_another_job_card_within_12_months_of_closure_retains() =>
        _rules.Retained([new VisitSeen("JC-2", Closed.AddMonths(6))], Closed, "JC-1").Should().BeTrue();

    [Fact]
    public void A_visit_exactly_12_months_after_closure_still_retains() =>
        _rules.Retained([new VisitSeen("JC-2", Closed.AddMonths(12))], Closed, "JC-1").Should().BeTrue();

    [Fact]
    public void A_visit_after_12_months_does_not() =>
        _rules.Retained([new VisitSeen("JC-2", Closed.AddMonths(12).AddDays(1))], Closed, "JC-1").Should().BeFalse();

    [Fact]
    public void The_visit_of_the_incident_itself_does_not_retain() =>
        _rules.Retained([new VisitSeen("JC-1", Closed.AddMonths(1))], Closed, "JC-1").Should().BeFalse();

    [Fact]
    public void Only_a_visit_after_the_closure_retains() =>
        _rules.Retained([new VisitSeen("JC-2", Closed.AddDays(-1)), new VisitSeen("JC-3", Closed)], Closed, "JC-1").Should().BeFalse();

    [Fact]
    public void An_open_incident_has_retained_no_one() =>
        _rules.Retained([new VisitSeen("JC-2", Closed.AddMonths(1))], closedAt: null, "JC-1").Should().BeFalse();

    [Fact]
    public void For_an_incident_without_a_job_card_any_later_visit_retains() =>
        _rules.Retained([new VisitSeen("JC-1", Closed.AddDays(3))], Closed, incidentJobCardId: null).Should().BeTrue();

    [Fact]
    public void The_retention_window_is_configuration()
    {
        var rules = new RecoveryRules(new RecoveryOptions { RetentionMonths = 3 });

        rules.Retained([new VisitSeen("JC-2", Closed.AddMonths(3))], Closed, "JC-1").Should().BeTrue();
        rules.Retained([new VisitSeen("JC-2", Closed.AddMonths(4))], Closed, "JC-1").Should().BeFalse();
    }
}
