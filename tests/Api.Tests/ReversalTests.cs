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
        var award = ledger["items"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "award" && i["sourceEventId"]!.GetValue<string>() == "dms:reverse-1")!;
        ledger["items"]![0]!["reverses"]!.GetValue<string>().Should().Be(award["id"]!.GetValue<string>(), "a reversal names the entry it reverses");
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

    [Fact]
    public async Task A_reversal_under_another_dealership_is_rejected_naming_dealershipId_and_the_right_one_still_works()
    {
        var maharashtra = new Traffic(_http, "reversewrongmh");
        var karnataka = new Traffic(_http, "reversewrongka");
        await maharashtra.RegisterDealershipAsync("MH");
        await karnataka.RegisterDealershipAsync("KA");
        (await maharashtra.PostAsync(maharashtra.CustomerOnlyVisit("reversewrong-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{maharashtra.Customer()}";
        await WhenAsync(customerPath, c => c["balance"]?["pending"]?.GetValue<long>() == 500);

        var wrong = await (await karnataka.PostAsync(Reversal(karnataka, "reversewrong-undo-ka", "reversewrong-1"))).Content.ReadFromJsonAsync<JsonObject>();

        wrong!["accepted"]!.GetValue<int>().Should().Be(0);
        wrong["rejected"]!.AsArray().Should().ContainSingle()
            .Which!["errors"]!.AsObject().Should().ContainKey("dealershipId");
        var right = await (await maharashtra.PostAsync(Reversal(maharashtra, "reversewrong-undo-mh", "reversewrong-1"))).Content.ReadFromJsonAsync<JsonObject>();
        right!["accepted"]!.GetValue<int>().Should().Be(1, "the rejected reversal claimed nothing");
        await WhenAsync(customerPath, c => c["balance"]?["pending"]?.GetValue<long>() == 0);
    }

    [Fact]
    public async Task A_scoped_ingest_key_cannot_reverse_an_event_outside_its_scope_nor_block_its_reversal()
    {
        var maharashtra = new Traffic(_http, "reversescopemh");
        var karnataka = new Traffic(_http, "reversescopeka");
        await maharashtra.RegisterDealershipAsync("MH");
        await karnataka.RegisterDealershipAsync("KA");
        (await maharashtra.PostAsync(maharashtra.CustomerOnlyVisit("reversescope-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var karnatakaIngest = new Traffic(engine.CreateClientWithKey(TestCredentials.IngestKarnatakaKey), "reversescopeka");
        var outside = new Traffic(engine.CreateClientWithKey(TestCredentials.IngestKarnatakaKey), "reversescopemh");

        var underOwn = await (await karnatakaIngest.PostAsync(Reversal(karnatakaIngest, "reversescope-undo-ka", "reversescope-1"))).Content.ReadFromJsonAsync<JsonObject>();
        var underOriginal = await (await outside.PostAsync(Reversal(outside, "reversescope-undo-mh", "reversescope-1"))).Content.ReadFromJsonAsync<JsonObject>();

        foreach (var answer in new[] { underOwn!, underOriginal! })
        {
            answer["accepted"]!.GetValue<int>().Should().Be(0);
            answer["rejected"]!.AsArray().Should().ContainSingle().Which!["errors"]!.AsObject().Should().ContainKey("dealershipId");
        }

        var right = await (await maharashtra.PostAsync(Reversal(maharashtra, "reversescope-undo", "reversescope-1"))).Content.ReadFromJsonAsync<JsonObject>();
        right!["accepted"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Of_50_different_reversals_of_one_event_posted_at_once_exactly_one_is_accepted()
    {
        var traffic = new Traffic(_http, "reverserace");
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("reverserace-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await WhenAsync(customerPath, c => c["balance"]?["pending"]?.GetValue<long>() == 500);

        var answers = await Task.WhenAll(Enumerable.Range(1, 50).Select(async i =>
        {
            using var response = await traffic.PostAsync(Reversal(traffic, $"reverserace-undo-{i}", "reverserace-1"));
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }));

        answers.Sum(a => a["accepted"]!.GetValue<int>()).Should().Be(1);
        answers.SelectMany(a => a["rejected"]!.AsArray()).Select(r => r!["errors"]!["data.originalId"]![0]!.GetValue<string>())
            .Should().HaveCount(49).And.OnlyContain(e => e == "names an event that is already reversed");
        await WhenAsync(customerPath, c => c["balance"]?["pending"]?.GetValue<long>() == 0);
    }
}
