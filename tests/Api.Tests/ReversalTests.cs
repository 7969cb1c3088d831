using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

[Collection(EngineCollection.Name)]
public class ReversalTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();


    private static JsonObject Reversal(Traffic traffic, string id, string originalId) =>
        traffic.Event(id, "transaction.reversed", new JsonObject
        {
            ["originalSource"] = "dms",
            ["originalId"] = originalId,
            ["reason"] = "invoice cancelled",
        });

    private Task<JsonObject> WhenAsync(string path, Func<JsonObject, bool> condition) =>
        Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync(path), condition);

    [Fact]
    public async Task A_reversal_takes_back_a_spent_award_into_a_negative_balance_and_returns_it_to_the_budget()
    {
        var traffic = new Traffic(_http, "reverse");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(200_000);
        (await traffic.PostAsync(traffic.VisitCompleted("reverse-1"), traffic.CustomerOnlyVisit("reverse-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        var technicianPath = $"/api/v1/staff/{traffic.Staff("T", 1)}";
        await WhenAsync(customerPath, c => c["balance"]?["available"]?.GetValue<long>() == 1_000);
        var technician = await WhenAsync(technicianPath, s => s["wallet"]?["available"]?.GetValue<long>() > 0);
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-reverse-cap", new { name = "Cap", category = "lifestyle", pointsCost = 700 })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync(customerPath + "/redemptions", new { itemId = "ITEM-reverse-cap", quantity = 1, idempotencyKey = "cap-1" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var budgetBefore = (await _http.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}/budget"))["available"]!.GetValue<long>();

        var answer = await (await traffic.PostAsync(Reversal(traffic, "reverse-undo-1", "reverse-1"))).Content.ReadFromJsonAsync<JsonObject>();

        answer!["accepted"]!.GetValue<int>().Should().Be(1);
        var customer = await WhenAsync(customerPath, c => c["balance"]?["available"]?.GetValue<long>() == -200);
        customer["balance"]!["lifetimeEarned"]!.GetValue<long>().Should().Be(500);
        var staff = await WhenAsync(technicianPath, s => s["kpiPoints"]?.GetValue<long>() == 0);
        staff["wallet"]!["available"]!.GetValue<long>().Should().Be(0);
        var returned = 500 + technician["wallet"]!["available"]!.GetValue<long>();
        await WhenAsync($"/api/v1/dealerships/{traffic.Dealership}/budget", b => b["available"]?.GetValue<long>() >= budgetBefore + returned);
        var ledger = await _http.GetObjectAsync(customerPath + "/ledger");
        ledger["items"]![0]!["kind"]!.GetValue<string>().Should().Be("reversal");
        ledger["items"]![0]!["points"]!.GetValue<long>().Should().Be(-500);
        ledger["items"]![0]!["sourceEventId"]!.GetValue<string>().Should().Be("dms:reverse-1");
        await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_reversal_drops_a_pending_award_and_the_budget_no_longer_owes_it()
    {
        var traffic = new Traffic(_http, "reversepending");
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("reversepending-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await WhenAsync(customerPath, c => c["balance"]?["pending"]?.GetValue<long>() == 500);

        (await traffic.PostAsync(Reversal(traffic, "reversepending-undo", "reversepending-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var customer = await WhenAsync(customerPath, c => c["balance"]?["pending"]?.GetValue<long>() == 0);
        customer["balance"]!["available"]!.GetValue<long>().Should().Be(0);
        (await _http.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}/budget"))["pendingAwards"]!["points"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Reversing_an_unknown_or_already_reversed_event_is_rejected_and_a_resent_reversal_is_a_duplicate()
    {
        var traffic = new Traffic(_http, "reverserules");
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("reverserules-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var first = Reversal(traffic, "reverserules-undo-1", "reverserules-1");
        (await (await traffic.PostAsync(first)).Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(1);

        var answer = await (await traffic.PostAsync(
            Reversal(traffic, "reverserules-undo-2", "reverserules-1"),
            Reversal(traffic, "reverserules-undo-3", "never-sent"),
            first.DeepClone())).Content.ReadFromJsonAsync<JsonObject>();

        answer!["accepted"]!.GetValue<int>().Should().Be(0);
        answer["duplicates"]!.GetValue<int>().Should().Be(1);
        var rejected = answer["rejected"]!.AsArray();
        rejected.Select(r => (r!["index"]!.GetValue<int>(), r["errors"]!["data.originalId"]![0]!.GetValue<string>())).Should().Equal(
            (0, "names an event that is already reversed"),
            (1, "names no event accepted from that source"));
    }
}
