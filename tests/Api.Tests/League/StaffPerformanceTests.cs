using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>The staff performance dashboard's figures over HTTP, counted from the dealer systems' events, within the caller's scope.</summary>
[Collection(LeagueCollection.Name)]
public class StaffPerformanceTests(LeagueEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    [Fact]
    public async Task Csat_on_time_first_time_fix_repeat_repair_upsells_and_participation_are_counted_from_the_events()
    {
        var traffic = new Traffic(_admin, "perf");
        await traffic.RegisterDealershipAsync("KL");
        await traffic.FundBudgetAsync(50_000);
        foreach (var (id, name, role) in new[] { ("T1", "Thomas", "technician"), ("T2", "Fathima", "technician"), ("A1", "Joseph", "advisor"), ("T9", "Idle", "technician") })
        {
            (await _admin.PutAsJsonAsync($"/api/v1/staff/S-perf-{id}", new { name, role, dealershipId = traffic.Dealership })).EnsureSuccessStatusCode();
        }

        // Three visits (T1 and T2 on each): two on time and fixed first time, one late and a repeat repair.
        var late = traffic.CustomerOnlyVisit("perf-3");
        (await traffic.PostAsync(
            traffic.VisitCompleted("perf-1"), traffic.VisitCompleted("perf-2"), late,
            Csat(traffic, "perf-csat-1", 5), Csat(traffic, "perf-csat-2", 3),
            traffic.Event("perf-upsell", "sale.upsell.completed", new JsonObject
            {
                ["orderId"] = "UPS-perf-1", ["customerId"] = traffic.Customer(), ["advisorId"] = traffic.Staff("A"), ["product"] = "detailing", ["amount"] = 5_000.00m,
            }))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var figures = await Eventually.HoldsAsync(
            () => _admin.GetObjectAsync($"/api/v1/analytics/staff-performance?dealershipId={traffic.Dealership}&months=3"),
            f => f["csatTrend"]![2]!["answers"]!.GetValue<long>() == 2 && f["onTimeByDealership"]![0]!["visits"]!.GetValue<long>() == 3
                && f["advisors"]!.AsArray().Any(a => a!["upsells"]!.GetValue<long>() == 1) && f["participation"]!["earned"]!.GetValue<long>() == 3);

        var csat = figures["csatTrend"]!.AsArray();
        csat.Should().HaveCount(3);
        csat[2]!["average"]!.GetValue<double>().Should().Be(4.0);
        csat[2]!["satisfiedShare"]!.GetValue<double>().Should().Be(0.5);
        csat[0]!["average"].Should().BeNull("nothing was answered two months ago");
        var onTime = figures["onTimeByDealership"]!.AsArray().Single()!;
        onTime["onTime"]!.GetValue<long>().Should().Be(2);
        onTime["share"]!.GetValue<double>().Should().BeApproximately(2.0 / 3, 1e-9);
        var kerala = figures["onTimeByState"]!.AsArray().Single()!;
        kerala["state"]!.GetValue<string>().Should().Be("KL");
        kerala["visits"]!.GetValue<long>().Should().Be(3);

        var t1 = figures["technicians"]!.AsArray().Single(t => t!["staffId"]!.GetValue<string>() == "S-perf-T1")!;
        t1["name"]!.GetValue<string>().Should().Be("Thomas");
        t1["visits"]!.GetValue<long>().Should().Be(3);
        t1["firstTimeFixRate"]!.GetValue<double>().Should().BeApproximately(2.0 / 3, 1e-9);
        t1["repeatRepairRate"]!.GetValue<double>().Should().BeApproximately(1.0 / 3, 1e-9);
        var advisor = figures["advisors"]!.AsArray().Single()!;
        advisor["staffId"]!.GetValue<string>().Should().Be("S-perf-A1");
        advisor["upsellsPerVisit"]!.GetValue<double>().Should().BeApproximately(1.0 / 3, 1e-9);
        var participation = figures["participation"]!;
        participation["registered"]!.GetValue<long>().Should().Be(4);
        participation["share"]!.GetValue<double>().Should().Be(0.75, "T9 is registered and earned nothing");
    }

    [Fact]
    public async Task A_regional_lead_sees_only_its_states_dealerships_and_is_refused_another_states_and_bad_filters_are_named()
    {
        var karnataka = new Traffic(_admin, "perf-ka");
        await karnataka.RegisterDealershipAsync("KA");
        var kerala = new Traffic(_admin, "perf-kl");
        await kerala.RegisterDealershipAsync("KL");
        var lead = engine.CreateClientWithKey(TestCredentials.RegionalLeadKeralaKey);

        (await lead.GetAsync($"/api/v1/analytics/staff-performance?dealershipId={karnataka.Dealership}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var mine = await lead.GetObjectAsync("/api/v1/analytics/staff-performance");
        var dealerships = mine["onTimeByDealership"]!.AsArray().Select(d => d!["dealershipId"]!.GetValue<string>()).ToList();
        dealerships.Should().Contain(kerala.Dealership).And.NotContain(karnataka.Dealership);
        mine["onTimeByState"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()).Should().OnlyContain(s => s == "KL");
        (await engine.CreateClientWithKey(TestCredentials.CxKey).GetAsync("/api/v1/analytics/staff-performance")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var bad = await _admin.GetAsync("/api/v1/analytics/staff-performance?month=2026-13&months=99");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["month", "months"]);
    }

    private static JsonObject Csat(Traffic traffic, string id, int score) => traffic.Event(id, "survey.csat.submitted", new JsonObject
    {
        ["surveyId"] = $"SV-{id}", ["jobCardId"] = $"JC-{id}", ["customerId"] = traffic.Customer(),
        ["advisorId"] = traffic.Staff("A"), ["technicianIds"] = new JsonArray(traffic.Staff("T")), ["score"] = score, ["verified"] = true,
    });
}
