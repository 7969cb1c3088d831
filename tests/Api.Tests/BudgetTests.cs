using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

[Collection(EngineCollection.Name)]
public class BudgetTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();


    [Fact]
    public async Task Awards_beyond_the_budget_wait_and_an_admin_top_up_funds_them_and_the_books_balance()
    {
        var traffic = new Traffic(_http, "budget");
        await traffic.RegisterDealershipAsync();
        var budgetPath = $"/api/v1/dealerships/{traffic.Dealership}/budget";
        (await _http.SendJsonAsync(HttpMethod.Post, "/api/v1/pool/mint", new { points = 1_000_000, reason = "launch", idempotencyKey = "mint-budget-test" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        // The policy's auto top-up (20,000, the whole monthly cap) fires at once on the empty budget.
        (await _http.SendJsonAsync(HttpMethod.Put, budgetPath + "/policy", new { threshold = 5_000, amount = 20_000, monthlyCap = 20_000 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var topUp = await _http.SendJsonAsync(HttpMethod.Post, budgetPath + "/top-ups", new { points = 10_000, reason = "opening", idempotencyKey = "open-1" });
        topUp.StatusCode.Should().Be(HttpStatusCode.OK);
        (await topUp.Content.ReadFromJsonAsync<JsonObject>())!["available"]!.GetValue<long>().Should().Be(30_000);

        var visits = Enumerable.Range(1, 120).Select(i => (JsonNode)traffic.CustomerOnlyVisit($"award-{i}", i)).ToArray();
        (await traffic.PostAsync(visits)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var budget = await Eventually.HoldsAsync(() => _http.GetObjectAsync(budgetPath), b => b["awardedTotal"]!.GetValue<long>() + b["pendingAwards"]!["points"]!.GetValue<long>() == 60_000, TimeSpan.FromSeconds(30));
        budget["awardedTotal"]!.GetValue<long>().Should().Be(30_000, "10,000 of the admin top-up and one auto top-up of 20,000");
        budget["available"]!.GetValue<long>().Should().Be(0);
        budget["pendingAwards"]!["count"]!.GetValue<int>().Should().Be(60);
        budget["autoToppedUpThisMonth"]!.GetValue<long>().Should().Be(20_000);
        (await Notifications()).Should().Contain(n => n["type"]!.GetValue<string>() == "budget.cap-reached" && n["target"]!.GetValue<string>() == $"dealership:{traffic.Dealership}");

        var again = await _http.SendJsonAsync(HttpMethod.Post, budgetPath + "/top-ups", new { points = 50_000, reason = "month end", idempotencyKey = "extra-1" });
        (await again.Content.ReadFromJsonAsync<JsonObject>())!["pendingAwards"]!["count"]!.GetValue<int>().Should().Be(0);
        var repeated = await _http.SendJsonAsync(HttpMethod.Post, budgetPath + "/top-ups", new { points = 50_000, reason = "month end", idempotencyKey = "extra-1" });
        (await repeated.Content.ReadFromJsonAsync<JsonObject>())!["available"]!.GetValue<long>().Should().Be(20_000, "a repeated idempotency key tops up once");

        // Every member whose award waited now holds it as spendable points.
        foreach (var i in new[] { 1, 60, 120 })
        {
            var customer = await Eventually.HoldsAsync(() => _http.GetObjectAsync($"/api/v1/customers/{traffic.Customer(i)}"), c => c["balance"]!["pending"]!.GetValue<long>() == 0);
            customer["balance"]!["available"]!.GetValue<long>().Should().Be(500);
        }

        var funded = (await Notifications()).Where(n => n["type"]!.GetValue<string>() == "award.funded" && n["data"]!["cause"]!.GetValue<string>().StartsWith("dms:award-", StringComparison.Ordinal)).ToList();
        funded.Should().HaveCount(60);
        var audit = await _http.GetObjectAsync("/api/v1/admin/audit");
        audit["balanced"]!.GetValue<bool>().Should().BeTrue(audit.ToJsonString());
    }

    [Fact]
    public async Task A_top_up_larger_than_the_pool_is_refused_with_409_and_moves_nothing()
    {
        var traffic = new Traffic(_http, "poolshort");
        await traffic.RegisterDealershipAsync();
        var pool = await _http.GetObjectAsync("/api/v1/pool");

        var response = await _http.SendJsonAsync(HttpMethod.Post, $"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups",
            new { points = pool["available"]!.GetValue<long>() + 1, reason = "too much", idempotencyKey = "short-1" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/pool-short");
        (await _http.GetObjectAsync("/api/v1/pool"))["available"]!.GetValue<long>().Should().Be(pool["available"]!.GetValue<long>());
    }

    [Fact]
    public async Task Budget_calls_name_the_field_at_fault()
    {
        var traffic = new Traffic(_http, "badbudget");
        await traffic.RegisterDealershipAsync();

        var response = await _http.SendJsonAsync(HttpMethod.Post, $"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = -5, reason = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("points", "idempotencyKey");
        (await _http.GetAsync("/api/v1/dealerships/NO-SUCH-DLR/budget")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.GetAsync("/api/v1/budgets?state=XX")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_budgets_of_one_state_come_in_one_answer()
    {
        var traffic = new Traffic(_http, "budgetlist");
        await traffic.RegisterDealershipAsync();

        var list = await _http.GetObjectAsync("/api/v1/budgets?state=KA");

        list["budgets"]!.AsArray().Select(b => b!["dealershipId"]!.GetValue<string>()).Should().Contain(traffic.Dealership);
        // Each budget's dealership, named and placed, in the same order: what a dashboard lists and filters by.
        list["dealerships"]!.AsArray().Select(d => d!["dealershipId"]!.GetValue<string>())
            .Should().Equal(list["budgets"]!.AsArray().Select(b => b!["dealershipId"]!.GetValue<string>()));
        list["dealerships"]!.AsArray().Single(d => d!["dealershipId"]!.GetValue<string>() == traffic.Dealership)!.ToJsonString()
            .Should().Be($$"""{"dealershipId":"{{traffic.Dealership}}","name":"Pitstop budgetlist","city":"Bengaluru","state":"KA"}""");
    }

    private async Task<List<JsonNode>> Notifications()
    {
        var all = new List<JsonNode>();
        var after = "0";
        while (true)
        {
            var page = await _http.GetObjectAsync($"/api/v1/notifications?after={after}&limit=1000");
            var items = page["items"]!.AsArray();
            if (items.Count == 0)
            {
                return all;
            }

            all.AddRange(items!);
            after = page["next"]!.GetValue<string>();
        }
    }
}
