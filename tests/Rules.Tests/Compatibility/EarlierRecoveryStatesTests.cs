using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Compatibility;

/// <summary>
/// Recovery states stored before the recovery KPIs (expectations, points redeemed, escalation) must
/// read, with those figures at nothing. Written by main's engine at commit 58c75d3 with Orleans'
/// serializer: a desk's summary of a recovered complaint, the incident with its day-7 follow-up,
/// and its customer's record of the recovery received.
/// </summary>
public class EarlierRecoveryStatesTests
{
    private const string DeskBeforeKpis =
        "ICABA0EfY29tcGxhaW50OkNNUC0xIOjACQkDCQkDCQkDCUEHQy0xQQtETFItMSGAAFARCu1G3wiBAAAAAAAAAADgIYAAuNVr9UbfCIEAAAAAAAAAAOAhgAAgms39Rt8IgQAAAAAAAAAA4AEEUwcBEQElAQMxAf26uO9HUmVhZE9ubHlMaXN0SW50ZXJmYWNlQ29kZWNgMVtbaW50XV0AAwEd4ODgIeAh4AEBISDgIeAh4ODg";

    private const string IncidentBeforeKpis =
        "ICAg4OABAejAAQkDCQkDASGAALjVa/VG3wiBAAAAAAAAAADgwQEBAQEBIeAh4CHoAARTBwkDASGAACCazf1G3wiBAAAAAAAAAADg4CEBAwEdIOgggACQ9TJtTN8IgQAAAAAAAAAA4EEPcmVhY2hlZEELaGFwcHng4MEBISDgIeAh4ODg";

    private const string CustomerIncidentsBeforeKpis =
        "ICAAAyHoQB9jb21wbGFpbnQ6Q01QLTEhgABQEQrtRt8IgQAAAAAAAAAA4ODgIeAh4CEBA8ELIOhAB1QtMQkDASGAACCazf1G3wiBAAAAAAAAAADg4OAh4OA=";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(RecoveryDeskState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T Read<T>(string payload) => Serializer.Deserialize<T>(Convert.FromBase64String(payload))!;

    [Fact]
    public void A_desk_summary_stored_before_the_kpis_reads_with_no_expectations_nothing_redeemed_and_no_escalation()
    {
        var summary = Read<RecoveryDeskState>(DeskBeforeKpis).Incidents["complaint:CMP-1"];

        (summary.Kind, summary.Status, summary.Points, summary.NpsAfter, summary.Retained).Should().Be((IncidentKind.Complaint, IncidentStatus.Recovered, 30_000L, (int?)9, true));
        summary.FollowUpsCompleted.Should().Equal(7);
        (summary.Expectations, summary.PointsRedeemed, summary.Escalated).Should().Be(((RecoveryExpectations?)null, 0L, false));
    }

    [Fact]
    public void An_incident_stored_before_the_kpis_reads_its_follow_up_without_an_expectations_answer_and_no_support_cases()
    {
        var incident = Read<IncidentState>(IncidentBeforeKpis);

        var followUp = incident.FollowUps[7];
        (followUp.Outcome, followUp.Note, followUp.Expectations).Should().Be(("reached", "happy", (RecoveryExpectations?)null));
        incident.SupportCases.Should().BeEmpty();
        incident.PointsRedeemed.Should().Be(0);
        incident.Recovery!.Points.Should().Be(30_000);
    }

    [Fact]
    public void A_recovery_received_before_its_points_were_kept_is_told_nothing_redeemed()
    {
        var incidents = Read<CustomerIncidents>(CustomerIncidentsBeforeKpis);

        var received = incidents.Recoveries["complaint:CMP-1"];
        (received.TransferId, received.Points, received.RedeemedTold).Should().Be(("T-1", 0L, 0L));
        incidents.SupportCases.Should().BeEmpty();
        incidents.TellRedeemed([new RedemptionSpent("R-1", received.FundedAt!.Value.AddDays(1), 1_000)], received.FundedAt.Value.AddDays(2))
            .Should().BeEmpty("its amount was not kept, so none of a redemption is put down to it");
    }
}
