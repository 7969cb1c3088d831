using System.Net;
using System.Net.Http.Json;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>Which events open and close incidents, how severe they are and what recovery they bring (program.md).</summary>
[Collection(RecoveryCollection.Name)]
public class IncidentTriggerTests(RecoveryEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private async Task<Traffic> FundedAsync(string prefix, long points = 200_000)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(points);
        return traffic;
    }

    [Theory]
    [InlineData(120, "minor", 5_000)]
    [InlineData(240, "minor", 5_000)]
    [InlineData(241, "moderate", 15_000)]
    public async Task A_late_delivery_opens_and_closes_a_delay_incident_and_delivers_its_recovery_at_once(int minutesLate, string severity, long points)
    {
        var traffic = await FundedAsync($"delay{minutesLate}");
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromMinutes(minutesLate)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var incidentId = $"delay:JC-delay{minutesLate}-v1";

        var incident = await _http.RecoveredAsync(incidentId);

        incident["kind"]!.GetValue<string>().Should().Be("delay");
        incident["severity"]!.GetValue<string>().Should().Be(severity);
        incident["customerId"]!.GetValue<string>().Should().Be(traffic.Customer());
        incident["dealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership);
        incident["closedAt"].Should().NotBeNull("the delay ended when the car was delivered");
        var recovery = incident["recovery"]!;
        recovery["points"]!.GetValue<long>().Should().Be(points);
        recovery["category"]!.GetValue<string>().Should().Be("lifestyle", "with no preference or redemption the category is lifestyle");
        recovery["withinSla"]!.GetValue<bool>().Should().BeTrue();
        // The visit's own 500 points plus the recovery.
        (await _http.AvailableAsync($"/api/v1/customers/{traffic.Customer()}")).Should().Be(500 + points);
        var delivered = (await _http.NotificationsAboutAsync(incidentId)).Where(n => n["type"]!.GetValue<string>() == "recovery.delivered").ToList();
        delivered.Should().ContainSingle();
        delivered[0]["target"]!.GetValue<string>().Should().Be($"customer:{traffic.Customer()}");
        delivered[0]["data"]!["points"]!.GetValue<string>().Should().Be(points.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_delivery_less_than_two_hours_late_opens_no_incident()
    {
        var traffic = await FundedAsync("delay119");
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromMinutes(119)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _http.AvailableAsync($"/api/v1/customers/{traffic.Customer()}"), a => a == 500);

        (await _http.GetAsync(RecoveryHttp.IncidentPath("delay:JC-delay119-v1"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_quality_defect_stays_open_until_resolved_then_brings_a_moderate_recovery()
    {
        var traffic = await FundedAsync("defect");
        (await traffic.PostAsync(traffic.DefectReported("d1", "JC-defect-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var open = await _http.IncidentAsync("defect:JC-defect-1", _ => true);
        open["status"]!.GetValue<string>().Should().Be("open");
        open["severity"]!.GetValue<string>().Should().Be("moderate");
        open["recovery"].Should().BeNull("nothing is due before the incident closes");

        (await traffic.PostAsync(traffic.IncidentResolved("r1", "defect:JC-defect-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var recovered = await _http.RecoveredAsync("defect:JC-defect-1");
        recovered["recovery"]!["points"]!.GetValue<long>().Should().Be(15_000);
        recovered["jobCardId"]!.GetValue<string>().Should().Be("JC-defect-1");
        (await _http.AvailableAsync($"/api/v1/customers/{traffic.Customer()}")).Should().Be(15_000);
    }

    [Theory]
    [InlineData("low", "minor", 5_000)]
    [InlineData("medium", "moderate", 15_000)]
    [InlineData("high", "major", 30_000)]
    public async Task A_complaint_is_as_severe_as_the_customer_rated_it(string complaintSeverity, string severity, long points)
    {
        var traffic = await FundedAsync($"complaint{complaintSeverity}");
        var incidentId = $"complaint:CMP-{complaintSeverity}";
        (await traffic.PostAsync(
            traffic.ComplaintLogged("c1", $"CMP-{complaintSeverity}", complaintSeverity, minutesAgo: 30),
            traffic.IncidentResolved("r1", incidentId))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.RecoveredAsync(incidentId);

        incident["kind"]!.GetValue<string>().Should().Be("complaint");
        incident["severity"]!.GetValue<string>().Should().Be(severity);
        incident["recovery"]!["points"]!.GetValue<long>().Should().Be(points);
    }

    [Fact]
    public async Task A_second_incident_of_a_customer_within_180_days_is_major()
    {
        var traffic = await FundedAsync("repeat");
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromMinutes(150)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var first = await _http.RecoveredAsync("delay:JC-repeat-v1");
        first["severity"]!.GetValue<string>().Should().Be("minor");
        first["repeatIncident"]!.GetValue<bool>().Should().BeFalse();

        (await traffic.PostAsync(traffic.ComplaintLogged("c1", "CMP-repeat", "low", minutesAgo: 5))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var second = await _http.IncidentAsync("complaint:CMP-repeat", _ => true);
        second["severity"]!.GetValue<string>().Should().Be("major", "a low complaint is minor, but this customer had an incident days before");
        second["repeatIncident"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Of_two_incidents_of_a_customer_in_one_batch_the_later_one_is_the_repeat_whichever_is_handled_first()
    {
        var traffic = await FundedAsync("samebatch");
        (await traffic.PostAsync(
            traffic.DefectReported("d1", "JC-samebatch-1", minutesAgo: 20),
            traffic.ComplaintLogged("c1", "CMP-samebatch", "low", minutesAgo: 30))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var complaint = await _http.IncidentAsync("complaint:CMP-samebatch", _ => true);
        var defect = await _http.IncidentAsync("defect:JC-samebatch-1", _ => true);

        complaint["severity"]!.GetValue<string>().Should().Be("minor");
        complaint["repeatIncident"]!.GetValue<bool>().Should().BeFalse();
        defect["severity"]!.GetValue<string>().Should().Be("major", "the complaint came ten minutes before it");
        defect["repeatIncident"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_resolution_that_arrives_before_its_complaint_closes_the_incident_when_the_complaint_comes()
    {
        var traffic = await FundedAsync("ahead");
        (await traffic.PostAsync(traffic.IncidentResolved("r1", "complaint:CMP-ahead"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await traffic.PostAsync(traffic.ComplaintLogged("c1", "CMP-ahead", "medium", minutesAgo: 30))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.RecoveredAsync("complaint:CMP-ahead");

        incident["recovery"]!["points"]!.GetValue<long>().Should().Be(15_000);
    }

    [Fact]
    public async Task The_recovery_is_in_the_customers_stated_preference()
    {
        var traffic = await FundedAsync("preference");
        (await _http.PutAsJsonAsync($"/api/v1/customers/{traffic.Customer()}/profile", new { name = "Asha Rao", preferences = new[] { "wellness", "dining" } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.RecoveredAsync("delay:JC-preference-v1");

        incident["recovery"]!["category"]!.GetValue<string>().Should().Be("wellness");
        var delivered = (await _http.NotificationsAboutAsync("delay:JC-preference-v1")).Single(n => n["type"]!.GetValue<string>() == "recovery.delivered");
        delivered["data"]!["category"]!.GetValue<string>().Should().Be("wellness");
    }

    [Fact]
    public async Task Without_a_preference_the_recovery_is_in_the_experience_the_customer_redeemed_most()
    {
        var traffic = await FundedAsync("redeemed");
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("v0"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await Eventually.HoldsAsync(() => _http.AvailableAsync(customerPath), a => a == 500);
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-redeemed-spa", new { name = "Spa", category = "wellness", pointsCost = 100 })).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-redeemed-trek", new { name = "Trek", category = "adventure", pointsCost = 100 })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync(customerPath + "/redemptions", new { itemId = "ITEM-redeemed-spa", quantity = 1, idempotencyKey = "spa" })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync(customerPath + "/redemptions", new { itemId = "ITEM-redeemed-trek", quantity = 2, idempotencyKey = "trek" })).EnsureSuccessStatusCode();

        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.RecoveredAsync("delay:JC-redeemed-v1");
        incident["recovery"]!["category"]!.GetValue<string>().Should().Be("adventure", "two adventure items against one wellness item");
    }

    [Fact]
    public async Task The_managers_note_set_before_closure_travels_with_the_recovery_notification()
    {
        var traffic = await FundedAsync("note");
        (await traffic.PostAsync(traffic.ComplaintLogged("c1", "CMP-note", "high", minutesAgo: 30))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.IncidentAsync("complaint:CMP-note", _ => true);
        var note = await _http.PutAsJsonAsync(RecoveryHttp.IncidentPath("complaint:CMP-note") + "/note", new { note = "We are sorry about the scratches - Ravi, service head" });
        note.StatusCode.Should().Be(HttpStatusCode.OK);

        (await traffic.PostAsync(traffic.IncidentResolved("r1", "complaint:CMP-note"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incident = await _http.RecoveredAsync("complaint:CMP-note");
        incident["note"]!.GetValue<string>().Should().StartWith("We are sorry");
        var delivered = (await _http.NotificationsAboutAsync("complaint:CMP-note")).Single(n => n["type"]!.GetValue<string>() == "recovery.delivered");
        delivered["data"]!["note"]!.GetValue<string>().Should().Be("We are sorry about the scratches - Ravi, service head");
    }
}
