using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Recovery;
using static Pitstop.Rules.Tests.Recovery.RecoveryEvents;

namespace Pitstop.Rules.Tests.Recovery;

public class SeverityTests
{
    private readonly RecoveryRules _rules = new(new RecoveryOptions());

    [Fact]
    public void A_delay_of_two_hours_is_minor() =>
        _rules.SeverityOf(Visit(TimeSpan.FromHours(2)), repeat: false).Should().Be(IncidentSeverity.Minor);

    [Fact]
    public void A_delay_of_exactly_four_hours_is_still_minor() =>
        _rules.SeverityOf(Visit(TimeSpan.FromHours(4)), repeat: false).Should().Be(IncidentSeverity.Minor);

    [Fact]
    public void A_delay_of_four_hours_one_minute_is_moderate() =>
        _rules.SeverityOf(Visit(new TimeSpan(4, 1, 0)), repeat: false).Should().Be(IncidentSeverity.Moderate);

    [Fact]
    public void The_moderate_delay_is_configuration()
    {
        var rules = new RecoveryRules(new RecoveryOptions { ModerateDelay = TimeSpan.FromHours(3) });

        rules.SeverityOf(Visit(TimeSpan.FromHours(3)), repeat: false).Should().Be(IncidentSeverity.Minor);
        rules.SeverityOf(Visit(new TimeSpan(3, 1, 0)), repeat: false).Should().Be(IncidentSeverity.Moderate);
    }

    [Fact]
    public void A_quality_defect_is_moderate() =>
        _rules.SeverityOf(Defect(), repeat: false).Should().Be(IncidentSeverity.Moderate);

    [Theory]
    [InlineData(ComplaintSeverity.Low, IncidentSeverity.Minor)]
    [InlineData(ComplaintSeverity.Medium, IncidentSeverity.Moderate)]
    [InlineData(ComplaintSeverity.High, IncidentSeverity.Major)]
    public void A_complaint_is_as_severe_as_it_was_logged(ComplaintSeverity logged, IncidentSeverity expected) =>
        _rules.SeverityOf(Complaint(logged), repeat: false).Should().Be(expected);

    [Fact]
    public void A_repeat_makes_any_kind_major()
    {
        EventData[] openings = [Visit(TimeSpan.FromHours(2)), Visit(TimeSpan.FromHours(5)), Defect(), Complaint(ComplaintSeverity.Low), Complaint(ComplaintSeverity.Medium)];

        openings.Should().AllSatisfy(e => _rules.SeverityOf(e, repeat: true).Should().Be(IncidentSeverity.Major, e.Type));
    }

    [Fact]
    public void An_event_that_opens_no_incident_has_no_severity()
    {
        var act = () => _rules.SeverityOf(new NpsSubmitted("SV-1", "C-1", null, null, 2), repeat: false);

        act.Should().Throw<ArgumentException>().WithParameterName("opening");
    }

    [Theory]
    [InlineData(IncidentSeverity.Minor, 5_000)]
    [InlineData(IncidentSeverity.Moderate, 15_000)]
    [InlineData(IncidentSeverity.Major, 30_000)]
    public void The_award_follows_the_severity(IncidentSeverity severity, long points) =>
        _rules.AwardFor(severity).Should().Be(points);

    [Theory]
    [InlineData(IncidentSeverity.Minor, 100)]
    [InlineData(IncidentSeverity.Moderate, 200)]
    [InlineData(IncidentSeverity.Major, 300)]
    public void The_awards_are_configuration(IncidentSeverity severity, long points) =>
        new RecoveryRules(new RecoveryOptions { MinorAward = 100, ModerateAward = 200, MajorAward = 300 }).AwardFor(severity).Should().Be(points);
}
