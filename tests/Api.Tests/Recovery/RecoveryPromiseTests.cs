using System.Net;
using System.Net.Http.Json;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>
/// The promises kept after closure, driven by program time: the 24-hour delivery and the check-ins
/// 7 and 30 days after it. Tests here only move the clock forward and judge times relative to it.
/// </summary>
[Collection(RecoveryTimeCollection.Name)]
public class RecoveryPromiseTests(RecoveryTimeEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_recovery_the_budget_leaves_pending_breaches_the_24_hour_promise_is_alerted_and_is_delivered_when_funded()
    {
        var traffic = new Traffic(_http, "breach");
        await traffic.RegisterDealershipAsync();
        // No automatic top-ups: the budget stays empty until an administrator tops it up.
        (await _http.PutAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}/budget/policy", new { threshold = 0, amount = 0, monthlyCap = 0 })).EnsureSuccessStatusCode();
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(5)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        const string incidentId = "delay:JC-breach-v1";

        var closed = await _http.IncidentAsync(incidentId, i => i["status"]!.GetValue<string>() == "closed" && i["recovery"] is not null);
        closed["recovery"]!["deliveredAt"].Should().BeNull();
        closed["recovery"]!["points"]!.GetValue<long>().Should().Be(15_000);
        closed["followUps"]!.AsArray().Should().BeEmpty("follow-ups are counted from the delivery");

        engine.Clock.Advance(TimeSpan.FromHours(25));
        var raised = await engine.ReviewDeskAsync(traffic.Dealership);

        raised.Should().Be(1);
        var breached = await _http.GetObjectAsync(RecoveryHttp.IncidentPath(incidentId));
        breached["recovery"]!["slaBreached"]!.GetValue<bool>().Should().BeTrue();
        var alert = (await _http.NotificationsAboutAsync(incidentId)).Single(n => n["type"]!.GetValue<string>() == "recovery.sla-breached");
        alert["target"]!.GetValue<string>().Should().Be($"dealership:{traffic.Dealership}");
        (await engine.ReviewDeskAsync(traffic.Dealership)).Should().Be(0, "a breach is alerted once");

        await traffic.FundBudgetAsync(100_000);

        var recovered = await _http.RecoveredAsync(incidentId);
        recovered["recovery"]!["withinSla"]!.GetValue<bool>().Should().BeFalse();
        recovered["recovery"]!["deliveredAt"].Should().NotBeNull();
        recovered["followUps"]!.AsArray().Select(f => f!["day"]!.GetValue<int>()).Should().Equal(7, 30);
        (await _http.AvailableAsync($"/api/v1/customers/{traffic.Customer()}")).Should().Be(15_000 + 500);
        (await _http.NotificationsAboutAsync(incidentId)).Should().ContainSingle(n => n["type"]!.GetValue<string>() == "recovery.delivered");
    }

    [Fact]
    public async Task Follow_ups_fall_due_7_and_30_days_after_delivery_and_are_completed_once()
    {
        var traffic = new Traffic(_http, "followup");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        const string incidentId = "delay:JC-followup-v1";
        var recovered = await _http.RecoveredAsync(incidentId);
        recovered["followUps"]!.AsArray().Select(f => f!["status"]!.GetValue<string>()).Should().Equal("scheduled", "scheduled");
        var path = RecoveryHttp.IncidentPath(incidentId);

        engine.Clock.Advance(TimeSpan.FromDays(7));
        (await engine.ReviewDeskAsync(traffic.Dealership)).Should().Be(1, "only the day-7 check-in is due");

        var due = await _http.GetObjectAsync(path);
        due["followUps"]![0]!["status"]!.GetValue<string>().Should().Be("due");
        due["followUps"]![1]!["status"]!.GetValue<string>().Should().Be("scheduled");
        var notice = (await _http.NotificationsAboutAsync(incidentId)).Single(n => n["type"]!.GetValue<string>() == "recovery.follow-up-due");
        notice["data"]!["day"]!.GetValue<string>().Should().Be("7");

        var completed = await _http.PostAsJsonAsync(path + "/follow-ups/7/complete", new { outcome = "happy", note = "Customer enjoyed the spa day" });
        completed.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await _http.PostAsJsonAsync(path + "/follow-ups/7/complete", new { outcome = "unhappy" });
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var day7 = (await _http.GetObjectAsync(path))["followUps"]![0]!;
        day7["status"]!.GetValue<string>().Should().Be("completed");
        day7["outcome"]!.GetValue<string>().Should().Be("happy", "the first completion stands");
        day7["note"]!.GetValue<string>().Should().Be("Customer enjoyed the spa day");

        engine.Clock.Advance(TimeSpan.FromDays(23));
        (await engine.ReviewDeskAsync(traffic.Dealership)).Should().Be(1, "the day-30 check-in is due; day 7 was done");
        (await _http.GetObjectAsync(path))["followUps"]![1]!["status"]!.GetValue<string>().Should().Be("due");
    }

    [Fact]
    public async Task A_follow_up_completed_early_is_not_raised_when_its_day_comes()
    {
        var traffic = new Traffic(_http, "early");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        const string incidentId = "delay:JC-early-v1";
        await _http.RecoveredAsync(incidentId);
        var path = RecoveryHttp.IncidentPath(incidentId);

        (await _http.PostAsJsonAsync(path + "/follow-ups/7/complete", new { outcome = "called early" })).StatusCode.Should().Be(HttpStatusCode.OK);
        engine.Clock.Advance(TimeSpan.FromDays(8));
        await engine.ReviewDeskAsync(traffic.Dealership);

        (await _http.NotificationsAboutAsync(incidentId)).Should().NotContain(n => n["type"]!.GetValue<string>() == "recovery.follow-up-due");
    }

    [Fact]
    public async Task A_follow_up_that_is_not_scheduled_cannot_be_completed()
    {
        var traffic = new Traffic(_http, "unscheduled");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.ComplaintLogged("c1", "CMP-unscheduled", "low"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = RecoveryHttp.IncidentPath("complaint:CMP-unscheduled");
        await _http.IncidentAsync("complaint:CMP-unscheduled", _ => true);

        var beforeDelivery = await _http.PostAsJsonAsync(path + "/follow-ups/7/complete", new { outcome = "too soon" });
        beforeDelivery.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await beforeDelivery.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/follow-up-not-scheduled");

        (await traffic.PostAsync(traffic.IncidentResolved("r1", "complaint:CMP-unscheduled"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.RecoveredAsync("complaint:CMP-unscheduled");
        (await _http.PostAsJsonAsync(path + "/follow-ups/14/complete", new { outcome = "no such day" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_settled_incident_leaves_the_desk_for_its_archive_and_is_listed_counted_and_updated_as_before()
    {
        var traffic = new Traffic(_http, "settled");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        const string incidentId = "delay:JC-settled-v1";
        var recovered = await _http.RecoveredAsync(incidentId);
        var openedAt = recovered["openedAt"]!.GetValue<DateTimeOffset>();
        var path = RecoveryHttp.IncidentPath(incidentId);
        (await _http.PostAsJsonAsync(path + "/follow-ups/7/complete", new { outcome = "reached" })).StatusCode.Should().Be(HttpStatusCode.OK);

        engine.Clock.Advance(TimeSpan.FromDays(31));
        (await engine.ReviewDeskAsync(traffic.Dealership)).Should().Be(1, "the day-30 follow-up is raised, and with it the incident is settled");

        var archive = engine.Grains.GetGrain<IRecoveryArchiveGrain>(RecoveryArchives.KeyOf(traffic.Dealership, RecoveryArchives.MonthOf(openedAt)));
        (await archive.ListAsync(null, null, 10)).Select(i => i.IncidentId).Should().Equal(incidentId);
        (await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}")).IncidentIds().Should().Equal(incidentId);
        var listed = (await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&status=recovered")).Single().Single()!;
        (listed["incidentId"]!.GetValue<string>(), listed["points"]!.GetValue<long>()).Should().Be((incidentId, 5_000L));
        (await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&status=open")).IncidentIds().Should().BeEmpty();

        // An answer after the recovery still reaches the analytics: the archive is told.
        (await traffic.PostAsync(traffic.NpsSubmitted("n1", 9, minutesAgo: 0))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var analytics = await Eventually.HoldsAsync(
            () => _http.GetObjectAsync($"/api/v1/analytics/recovery?dealershipId={traffic.Dealership}"),
            a => a["total"]!["npsAfterAnswers"]!.GetValue<int>() == 1);
        var total = analytics["total"]!;
        (total["incidents"]!.GetValue<int>(), total["recovered"]!.GetValue<int>(), total["pointsSpent"]!.GetValue<long>(), total["averageNpsAfter"]!.GetValue<double>())
            .Should().Be((1, 1, 5_000L, 9.0));
        (await archive.ListAsync(null, null, 10)).Single().NpsAfter.Should().Be(9);
        var later = Uri.EscapeDataString(openedAt.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        (await _http.GetObjectAsync($"/api/v1/analytics/recovery?dealershipId={traffic.Dealership}&from={later}"))["total"]!["incidents"]!.GetValue<int>()
            .Should().Be(0, "it opened before from");
        (await engine.ReviewDeskAsync(traffic.Dealership)).Should().Be(0, "the answer after settlement schedules no check again");
        (await _http.NotificationsAboutAsync(incidentId)).Count(n => n["type"]!.GetValue<string>() == "recovery.follow-up-due").Should().Be(1);
    }
}
