using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Recovery;
using static Pitstop.Rules.Tests.Recovery.RecoveryEvents;

namespace Pitstop.Rules.Tests.Recovery;

public class IncidentsOfTests
{
    private readonly RecoveryRules _rules = new(new RecoveryOptions());

    [Fact]
    public void A_delay_of_exactly_two_hours_opens_the_delay_incident_of_its_job_card() =>
        _rules.IncidentsOf(Visit(TimeSpan.FromHours(2), "JC-7")).Should().Equal("delay:JC-7");

    [Fact]
    public void A_delay_of_one_hour_59_minutes_opens_none() =>
        _rules.IncidentsOf(Visit(new TimeSpan(1, 59, 0))).Should().BeEmpty();

    [Fact]
    public void A_visit_delivered_early_opens_none() =>
        _rules.IncidentsOf(Visit(TimeSpan.FromHours(-3))).Should().BeEmpty();

    [Fact]
    public void The_delay_is_measured_between_instants_whatever_the_offsets()
    {
        // 17:00 in Kolkata is 11:30 UTC: delivered at 13:30 UTC is two hours late.
        var visit = VisitDelivered(Promised, new DateTimeOffset(2026, 11, 20, 13, 30, 0, TimeSpan.Zero));

        RecoveryRules.Delay(visit).Should().Be(TimeSpan.FromHours(2));
        _rules.IncidentsOf(visit).Should().Equal("delay:JC-1");
    }

    [Fact]
    public void The_delay_threshold_is_configuration()
    {
        var rules = new RecoveryRules(new RecoveryOptions { DelayThreshold = TimeSpan.FromHours(1) });

        rules.IncidentsOf(Visit(TimeSpan.FromHours(1))).Should().Equal("delay:JC-1");
        rules.IncidentsOf(Visit(new TimeSpan(0, 59, 0))).Should().BeEmpty();
    }

    [Fact]
    public void A_quality_defect_opens_the_defect_incident_of_its_job_card() =>
        _rules.IncidentsOf(Defect("JC-9")).Should().Equal("defect:JC-9");

    [Fact]
    public void A_complaint_opens_an_incident_named_by_the_complaint_not_its_job_card() =>
        _rules.IncidentsOf(Complaint(ComplaintSeverity.Low, "CMP-2026-88123", "JC-9")).Should().Equal("complaint:CMP-2026-88123");

    [Fact]
    public void A_resolution_goes_to_the_incident_it_names() =>
        _rules.IncidentsOf(new IncidentResolved("complaint:CMP-1", Promised, "part replaced")).Should().Equal("complaint:CMP-1");

    [Fact]
    public void Unrelated_events_concern_no_incident()
    {
        EventData[] unrelated =
        [
            new NpsSubmitted("SV-1", "C-1", "JC-1", "S-A1", 3),
            new CsatSubmitted("SV-2", "JC-1", "C-1", "S-A1", ["S-T1"], 1, true),
            new VisitOpened("JC-1", "C-1", "VIN1", "S-A1", ["S-T1"], Promised),
            new AccessorySold("ACC-1", "C-1", "S-A1", 42_000m),
        ];

        unrelated.Should().AllSatisfy(e => _rules.IncidentsOf(e).Should().BeEmpty(e.Type));
    }
}
