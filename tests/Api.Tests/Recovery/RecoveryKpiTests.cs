using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>
/// The recovery KPIs of <c>GET /api/v1/analytics/recovery</c> beside NPS: the share of recoveries
/// whose customer said at the latest follow-up that it exceeded their expectations, the recovery
/// points redeemed against those issued, and the share of complaints escalated to the support desk.
/// </summary>
[Collection(RecoveryCollection.Name)]
public class RecoveryKpiTests(RecoveryEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    /// <summary>The KPI figures an analytics object must hold (a null share is absent from the JSON).</summary>
    private sealed record Kpis(
        int ExpectationsAnswered, int ExceededExpectations, double? ShareExceededExpectations,
        long RecoveryPointsIssued, long RecoveryPointsRedeemed, double? ShareRecoveryPointsRedeemed,
        int Complaints, int EscalatedComplaints, double? EscalationRate);

    private sealed record Incidents(Traffic Traffic, string Delay, string HighComplaint, string LowComplaint);

    /// <summary>
    /// A funded dealership of the test's own with, per customer:
    /// 1. 100 minutes ago a delivery 150 minutes late (a minor delay, recovered with 5,000);
    /// 2. 40 minutes ago a low complaint (minor), left open; a support case of theirs was opened 50
    ///    minutes ago, before it (no escalation);
    /// 3. 80 minutes ago a high complaint (major), resolved 70 minutes ago and recovered with 30,000;
    ///    a support case of theirs opened 75 minutes ago, while it was open (an escalation), reported
    ///    in the batch before the complaint.
    /// </summary>
    private async Task<Incidents> IncidentsAsync(string prefix)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync("KA");
        await traffic.FundBudgetAsync(200_000);

        var delay = traffic.DelayedVisit("v1", TimeSpan.FromMinutes(150), customer: 1);
        delay["occurredAt"] = Traffic.Time(-100);
        delay["data"]!["promisedAt"] = Traffic.Time(-250);
        delay["data"]!["deliveredAt"] = Traffic.Time(-100);
        (await traffic.PostAsync(
            SupportCase(traffic, "s3", "CS-3", customer: 3, openedMinutesAgo: 75),
            delay,
            traffic.ComplaintLogged("c3", $"CMP-{prefix}-high", "high", customer: 3, minutesAgo: 80),
            traffic.IncidentResolved("r3", $"complaint:CMP-{prefix}-high", minutesAgo: 70),
            SupportCase(traffic, "s2", "CS-2", customer: 2, openedMinutesAgo: 50),
            traffic.ComplaintLogged("c2", $"CMP-{prefix}-low", "low", customer: 2, minutesAgo: 40))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var incidents = new Incidents(traffic, $"delay:JC-{prefix}-v1", $"complaint:CMP-{prefix}-high", $"complaint:CMP-{prefix}-low");
        await _http.RecoveredAsync(incidents.Delay);
        await _http.RecoveredAsync(incidents.HighComplaint);
        await _http.IncidentAsync(incidents.LowComplaint, _ => true);
        return incidents;
    }

    /// <summary>A support case of the customer, opened <paramref name="openedMinutesAgo"/> and closed five minutes later.</summary>
    private static JsonObject SupportCase(Traffic traffic, string id, string caseId, int customer, int openedMinutesAgo) =>
        traffic.Event($"{traffic.Dealership}-{id}", "support.case.closed", new JsonObject
        {
            ["caseId"] = $"{caseId}-{traffic.Dealership}", ["agentId"] = traffic.Staff("C"), ["customerId"] = traffic.Customer(customer),
            ["openedAt"] = Traffic.Time(-openedMinutesAgo), ["firstResponseAt"] = Traffic.Time(-openedMinutesAgo + 1),
            ["closedAt"] = Traffic.Time(-openedMinutesAgo + 5), ["slaHours"] = 8, ["notesComplete"] = true,
        }, minutesAgo: openedMinutesAgo - 5);

    /// <summary>Posts events and answers once their customers have applied them (and told their incidents).</summary>
    private Task<HttpResponseMessage> PostAppliedAsync(params JsonNode[] events) =>
        _http.PostAsJsonAsync("/api/v1/events?wait=applied", new JsonObject { ["events"] = new JsonArray(events) });

    private Task<HttpResponseMessage> CompleteAsync(string incidentId, int day, string expectations) =>
        _http.PostAsJsonAsync($"{RecoveryHttp.IncidentPath(incidentId)}/follow-ups/{day}/complete", new { outcome = "reached", expectations });

    /// <summary>Places a redemption of <paramref name="points"/> for the customer (an item of its own costing that much) and answers its id.</summary>
    private async Task<string> RedeemAsync(Traffic traffic, int customer, string item, long points)
    {
        var itemId = $"ITEM-{traffic.Dealership}-{item}";
        (await _http.SendJsonAsync(HttpMethod.Put, $"/api/v1/catalog/items/{itemId}", new { name = item, category = "wellness", pointsCost = points }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var placed = await _http.SendJsonAsync(HttpMethod.Post, $"/api/v1/customers/{traffic.Customer(customer)}/redemptions", new { itemId, quantity = 1, idempotencyKey = $"{traffic.Dealership}-{item}" });
        placed.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();
    }

    private Task<JsonObject> AnalyticsAsync(Traffic traffic, Func<JsonObject, bool> until) =>
        Eventually.HoldsAsync(() => _http.GetObjectAsync($"/api/v1/analytics/recovery?dealershipId={traffic.Dealership}"), until);

    private static long Redeemed(JsonObject analytics) => analytics["total"]!["recoveryPointsRedeemed"]!.GetValue<long>();

    private static void ShouldHold(JsonNode figures, Kpis expected, string because)
    {
        new Kpis(
            figures["expectationsAnswered"]!.GetValue<int>(), figures["exceededExpectations"]!.GetValue<int>(), figures["shareExceededExpectations"]?.GetValue<double>(),
            figures["recoveryPointsIssued"]!.GetValue<long>(), figures["recoveryPointsRedeemed"]!.GetValue<long>(), figures["shareRecoveryPointsRedeemed"]?.GetValue<double>(),
            figures["complaints"]!.GetValue<int>(), figures["escalatedComplaints"]!.GetValue<int>(), figures["escalationRate"]?.GetValue<double>())
            .Should().Be(expected, because);
    }

    [Fact]
    public async Task The_kpis_count_expectations_exceeded_recovery_points_redeemed_and_complaints_escalated_in_total_and_by_kind_severity_dealership_and_state()
    {
        var incidents = await IncidentsAsync("rcv-kpi-all");
        // The delay's customer: exceeded at day 7. The high complaint's: met at day 7, below at day 30 (the latest answer counts).
        (await CompleteAsync(incidents.Delay, 7, "exceeded")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CompleteAsync(incidents.HighComplaint, 7, "met")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CompleteAsync(incidents.HighComplaint, 30, "below")).StatusCode.Should().Be(HttpStatusCode.OK);
        // The delay's customer (500 for the visit and the 5,000 recovery) redeems 2,000 after the recovery.
        await RedeemAsync(incidents.Traffic, customer: 1, "spa", 2_000);

        var analytics = await AnalyticsAsync(incidents.Traffic, a => Redeemed(a) == 2_000 && a["total"]!["escalatedComplaints"]!.GetValue<int>() == 1);

        var total = new Kpis(2, 1, 0.5, 35_000, 2_000, 0.0571, 2, 1, 0.5);
        ShouldHold(analytics["total"]!, total, "total");
        analytics["total"]!["pointsSpent"]!.GetValue<long>().Should().Be(35_000, "points spent are the recovery points issued");
        ShouldHold(analytics["byDealership"]![0]!["figures"]!, total, "the dealership");
        ShouldHold(analytics["byState"]![0]!["figures"]!, total, "its state");
        var byKind = analytics["byKind"]!.AsArray();
        byKind.Select(k => k!["kind"]!.GetValue<string>()).Should().Equal("delay", "complaint");
        ShouldHold(byKind[0]!["figures"]!, new Kpis(1, 1, 1, 5_000, 2_000, 0.4, 0, 0, null), "delay");
        ShouldHold(byKind[1]!["figures"]!, new Kpis(1, 0, 0, 30_000, 0, 0, 2, 1, 0.5), "complaint");
        var bySeverity = analytics["bySeverity"]!.AsArray();
        bySeverity.Select(s => s!["severity"]!.GetValue<string>()).Should().Equal("minor", "major");
        ShouldHold(bySeverity[0]!["figures"]!, new Kpis(1, 1, 1, 5_000, 2_000, 0.4, 1, 0, 0), "minor: the delay and the open low complaint");
        ShouldHold(bySeverity[1]!["figures"]!, new Kpis(1, 0, 0, 30_000, 0, 0, 1, 1, 1), "major: the escalated high complaint");
    }

    [Fact]
    public async Task A_follow_up_shows_the_expectations_answer_and_its_first_completion_stands()
    {
        var incidents = await IncidentsAsync("rcv-kpi-follow-up");

        var done = await CompleteAsync(incidents.Delay, 7, "exceeded");
        var again = await CompleteAsync(incidents.Delay, 7, "below");
        var unasked = await _http.PostAsJsonAsync($"{RecoveryHttp.IncidentPath(incidents.Delay)}/follow-ups/30/complete", new { outcome = "no answer" });

        (await done.Content.ReadFromJsonAsync<JsonObject>())!["followUps"]![0]!["expectations"]!.GetValue<string>().Should().Be("exceeded");
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["followUps"]![0]!["expectations"]!.GetValue<string>().Should().Be("exceeded", "the first completion stands");
        var incident = (await unasked.Content.ReadFromJsonAsync<JsonObject>())!;
        incident["followUps"]![1]!["status"]!.GetValue<string>().Should().Be("completed");
        incident["followUps"]![1]!.AsObject().ContainsKey("expectations").Should().BeFalse("the day-30 follow-up did not ask");
        var analytics = await AnalyticsAsync(incidents.Traffic, a => a["total"]!["expectationsAnswered"]!.GetValue<int>() == 1);
        ShouldHold(analytics["total"]!, new Kpis(1, 1, 1, 35_000, 0, 0, 2, 1, 0.5), "a later follow-up that did not ask leaves the earlier answer");
    }

    [Fact]
    public async Task A_cancelled_redemption_gives_its_recovery_points_back_and_redemptions_count_up_to_the_recovery()
    {
        var incidents = await IncidentsAsync("rcv-kpi-cancel");
        var first = await RedeemAsync(incidents.Traffic, customer: 1, "dinner", 3_000);
        await RedeemAsync(incidents.Traffic, customer: 1, "massage", 2_500);
        // 5,500 redeemed of the customer's 5,500; 5,000 of it counts, the recovery's amount.
        await AnalyticsAsync(incidents.Traffic, a => Redeemed(a) == 5_000);

        (await _http.PostAsync($"/api/v1/redemptions/{first}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var analytics = await AnalyticsAsync(incidents.Traffic, a => Redeemed(a) == 2_500);
        ShouldHold(analytics["byKind"]![0]!["figures"]!, new Kpis(0, 0, null, 5_000, 2_500, 0.5, 0, 0, null), "delay");
    }

    [Fact]
    public async Task Notices_and_support_cases_told_again_count_once()
    {
        var incidents = await IncidentsAsync("rcv-kpi-again");
        await RedeemAsync(incidents.Traffic, customer: 1, "gym", 2_000);
        await AnalyticsAsync(incidents.Traffic, a => Redeemed(a) == 2_000);

        // The customer's outbox resends what it is not sure was received: the same total, the same case.
        var redeemed = new CustomerNotice(CustomerNoticeKind.RecoveryRedeemed, DateTimeOffset.UtcNow, "resent", Points: 2_000);
        var delay = engine.Grains.GetGrain<IIncidentGrain>(incidents.Delay);
        await delay.NoticeAsync([redeemed]);
        await delay.NoticeAsync([redeemed, redeemed]);
        // The same case reported again by another event, and told again to the complaint that escalated.
        (await PostAppliedAsync(SupportCase(incidents.Traffic, "s3-again", "CS-3", customer: 3, openedMinutesAgo: 75))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var caseId = $"CS-3-{incidents.Traffic.Dealership}";
        await engine.Grains.GetGrain<IIncidentGrain>(incidents.HighComplaint).NoticeAsync([new CustomerNotice(CustomerNoticeKind.SupportCase, DateTimeOffset.UtcNow.AddMinutes(-75), caseId)]);
        // A third customer's case, not a complaint's: the delay's customer reaching the desk escalates nothing.
        (await PostAppliedAsync(SupportCase(incidents.Traffic, "s1", "CS-1", customer: 1, openedMinutesAgo: 30))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var analytics = await _http.GetObjectAsync($"/api/v1/analytics/recovery?dealershipId={incidents.Traffic.Dealership}");
        ShouldHold(analytics["total"]!, new Kpis(0, 0, null, 35_000, 2_000, 0.0571, 2, 1, 0.5), "each told once");
    }
}
