using Pitstop.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests;

[Collection(EngineCollection.Name)]
public class IntakeTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_completed_scheduled_visit_credits_the_customer_and_the_staff_KPI_points()
    {
        var traffic = new Traffic(_http, "visit");
        await traffic.RegisterDealershipAsync();

        var response = await traffic.PostAsync(traffic.VisitCompleted("visit-1"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(1);
        var customer = await ReadWhenAppliedAsync($"/api/v1/customers/{traffic.Customer()}", 1);
        customer["balance"]!["pending"]!.GetValue<long>().Should().Be(500);
        customer["tier"]!.GetValue<string>().Should().Be("silver");
        customer["homeDealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership);

        var technician = await ReadWhenAppliedAsync($"/api/v1/staff/{traffic.Staff("T", 2)}", 1);
        technician["role"]!.GetValue<string>().Should().Be("technician");
        technician["kpiPoints"]!.GetValue<long>().Should().Be(192, "on time 50 + first-time fix 80 + zero defect 30, x1.2");
        technician["wallet"]!["pending"]!.GetValue<long>().Should().Be(192);

        var advisor = await ReadWhenAppliedAsync($"/api/v1/staff/{traffic.Staff("A")}", 1);
        advisor["role"]!.GetValue<string>().Should().Be("advisor");
        advisor["kpiPoints"]!.GetValue<long>().Should().Be(70, "on time 30 + accurate job card 40");
    }

    [Fact]
    public async Task A_repair_visit_earns_the_customer_nothing_but_still_pays_staff_KPI_points()
    {
        var traffic = new Traffic(_http, "repair");
        await traffic.RegisterDealershipAsync();

        await traffic.PostAsync(traffic.VisitCompleted("repair-1", visitKind: "repair", onTime: false));

        var customer = await ReadWhenAppliedAsync($"/api/v1/customers/{traffic.Customer()}", 1);
        customer["balance"]!["pending"]!.GetValue<long>().Should().Be(0);
        var technician = await ReadWhenAppliedAsync($"/api/v1/staff/{traffic.Staff("T", 1)}", 1);
        technician["kpiPoints"]!.GetValue<long>().Should().Be(80 + 30, "late: no on-time points and no multiplier");
    }

    [Fact]
    public async Task Duplicate_event_is_reported_and_changes_nothing()
    {
        var traffic = new Traffic(_http, "dup");
        await traffic.RegisterDealershipAsync();

        var first = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("dup-1"), traffic.VisitCompleted("dup-1")));
        var again = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("dup-1"), traffic.VisitCompleted("dup-2")));

        first["accepted"]!.GetValue<int>().Should().Be(1);
        first["duplicates"]!.GetValue<int>().Should().Be(1, "the same (source, id) twice in one batch");
        again["accepted"]!.GetValue<int>().Should().Be(1);
        again["duplicates"]!.GetValue<int>().Should().Be(1, "the same (source, id) in a later batch");
        var customer = await ReadWhenAppliedAsync($"/api/v1/customers/{traffic.Customer()}", 2);
        customer["balance"]!["pending"]!.GetValue<long>().Should().Be(1_000, "two distinct visits, 500 each");
        var dealership = await ReadWhenAppliedAsync($"/api/v1/dealerships/{traffic.Dealership}", 2);
        dealership["eventsByType"]!["service.visit.completed"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task The_same_id_from_another_source_is_a_different_event()
    {
        var traffic = new Traffic(_http, "src");
        await traffic.RegisterDealershipAsync();
        var fromCrm = traffic.VisitCompleted("src-1");
        fromCrm["source"] = "crm";

        var answer = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("src-1"), fromCrm));

        answer["accepted"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task An_invalid_event_is_rejected_alone_and_the_rest_of_the_batch_is_accepted()
    {
        var traffic = new Traffic(_http, "mixed");
        await traffic.RegisterDealershipAsync();
        var bad = traffic.Event("mixed-2", "survey.nps.submitted", new JsonObject { ["surveyId"] = "SV-1", ["customerId"] = traffic.Customer(), ["score"] = 11 });

        var answer = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("mixed-1"), bad, traffic.VisitCompleted("mixed-3")));

        answer["accepted"]!.GetValue<int>().Should().Be(2);
        var rejected = answer["rejected"]!.AsArray().Single()!;
        rejected["index"]!.GetValue<int>().Should().Be(1);
        rejected["id"]!.GetValue<string>().Should().Be("mixed-2");
        rejected["errors"]!["data.score"]!.AsArray().Should().ContainSingle();
        await ReadWhenAppliedAsync($"/api/v1/customers/{traffic.Customer()}", 2);
    }

    [Fact]
    public async Task An_event_of_an_unregistered_dealership_is_rejected()
    {
        var traffic = new Traffic(_http, "known");
        await traffic.RegisterDealershipAsync();
        var stranger = traffic.VisitCompleted("known-2");
        stranger["dealershipId"] = "DLR-NOBODY";

        var answer = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("known-1"), stranger));

        answer["accepted"]!.GetValue<int>().Should().Be(1);
        answer["rejected"]![0]!["errors"]!["dealershipId"]!.AsArray().Should().ContainSingle();
        (await _http.GetAsync("/api/v1/dealerships/DLR-NOBODY")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_event_rejected_for_its_dealership_is_accepted_once_the_dealership_is_registered()
    {
        var traffic = new Traffic(_http, "late");

        var before = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("late-1")));
        await traffic.RegisterDealershipAsync();
        var after = await AnswerAsync(await traffic.PostAsync(traffic.VisitCompleted("late-1")));

        before["rejected"]!.AsArray().Should().ContainSingle();
        after["accepted"]!.GetValue<int>().Should().Be(1, "a rejected event claims no key, and unknown dealerships are not remembered as unknown");
    }

    [Fact]
    public async Task A_burst_of_many_batches_is_applied_completely()
    {
        var traffic = new Traffic(_http, "burst");
        await traffic.RegisterDealershipAsync();

        var posts = Enumerable.Range(0, 40).Select(b => traffic.PostAsync(
            Enumerable.Range(0, 100).Select(i => (JsonNode)traffic.VisitCompleted($"burst-{b}-{i}", customer: i)).ToArray()));
        var answers = await Task.WhenAll(posts);

        answers.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Accepted);
        var dealership = await ReadWhenAppliedAsync($"/api/v1/dealerships/{traffic.Dealership}", 4_000, TimeSpan.FromSeconds(60));
        dealership["eventsApplied"]!.GetValue<long>().Should().Be(4_000);
        var customer = await ReadWhenAppliedAsync($"/api/v1/customers/{traffic.Customer(7)}", 40);
        customer["balance"]!["pending"]!.GetValue<long>().Should().Be(40 * 500);
    }

    private static async Task<JsonObject> AnswerAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<JsonObject> ReadWhenAppliedAsync(string path, long events, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var response = await _http.GetAsync(path);
                return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())! : new JsonObject();
            },
            view => view["eventsApplied"]?.GetValue<long>() >= events,
            timeout);
}
