using System.Net;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>What an incident records of the customer afterwards: NPS before and after, and whether they came back.</summary>
[Collection(RecoveryCollection.Name)]
public class IncidentOutcomeTests(RecoveryEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task The_incident_records_the_nps_before_it_and_after_its_recovery_and_a_later_visit_whatever_order_they_arrive_in()
    {
        var traffic = new Traffic(_http, "outcome");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        const string incidentId = "complaint:CMP-outcome";
        (await traffic.PostAsync(
            traffic.ComplaintLogged("c1", "CMP-outcome", "medium", minutesAgo: 50),
            traffic.IncidentResolved("r1", incidentId, minutesAgo: 40))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.RecoveredAsync(incidentId);

        // After the closure: an answer and a visit (delivered 30 minutes ago, after the resolution).
        (await traffic.PostAsync(traffic.NpsSubmitted("nps-after", 9, minutesAgo: 35), traffic.CustomerOnlyVisit("outcome-visit-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        // Reported late: an answer given before the complaint, and a second one after, which is not the first after.
        (await traffic.PostAsync(traffic.NpsSubmitted("nps-before", 4, minutesAgo: 60), traffic.NpsSubmitted("nps-later", 10, minutesAgo: 20))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.IncidentAsync(incidentId, i => i["npsBefore"] is not null && i["npsAfter"] is not null && i["retained"]!.GetValue<bool>());

        incident["npsBefore"]!["score"]!.GetValue<int>().Should().Be(4);
        incident["npsAfter"]!["score"]!.GetValue<int>().Should().Be(9, "the first answer after the closure counts, not the latest");
    }

    [Fact]
    public async Task An_answer_given_before_the_incident_opened_is_its_nps_before_even_when_the_incident_is_reported_later()
    {
        var traffic = new Traffic(_http, "npsfirst");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.NpsSubmitted("nps-1", 6, minutesAgo: 90))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer()}"), c => c.ContainsKey("customerId"));

        (await traffic.PostAsync(traffic.DefectReported("d1", "JC-npsfirst-1", minutesAgo: 60))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.IncidentAsync("defect:JC-npsfirst-1", i => i["npsBefore"] is not null);
        incident["npsBefore"]!["score"]!.GetValue<int>().Should().Be(6);
        incident["npsAfter"].Should().BeNull("the incident is still open");
        incident["retained"]!.GetValue<bool>().Should().BeFalse();
    }
}
