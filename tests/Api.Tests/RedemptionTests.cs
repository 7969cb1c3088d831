using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

[Collection(EngineCollection.Name)]
public class RedemptionTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();


    /// <summary>A registered dealership with a funded budget and one customer holding <paramref name="visits"/> × 500 points.</summary>
    private async Task<Traffic> CustomerWithPointsAsync(string prefix, int visits)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var events = Enumerable.Range(1, visits).Select(i => (JsonNode)traffic.CustomerOnlyVisit($"{prefix}-visit-{i}")).ToArray();
        (await traffic.PostAsync(events)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _http.AvailableAsync($"/api/v1/customers/{traffic.Customer()}"), available => available == visits * 500L);
        return traffic;
    }

    private async Task PutItemAsync(string id, object item) =>
        (await _http.SendJsonAsync(HttpMethod.Put, $"/api/v1/catalog/items/{id}", item)).StatusCode.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task A_redemption_reserves_points_at_once_and_a_cancellation_gives_back_the_same_points()
    {
        var traffic = await CustomerWithPointsAsync("redeem", visits: 4);
        await PutItemAsync("ITEM-redeem-spa", new { name = "Spa day", category = "wellness", pointsCost = 600 });
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";

        var placed = await _http.SendJsonAsync(HttpMethod.Post, customerPath + "/redemptions", new { itemId = "ITEM-redeem-spa", quantity = 2, idempotencyKey = "r-1" });

        placed.StatusCode.Should().Be(HttpStatusCode.Created);
        var redemption = (await placed.Content.ReadFromJsonAsync<JsonObject>())!;
        redemption["points"]!.GetValue<long>().Should().Be(1_200);
        redemption["status"]!.GetValue<string>().Should().Be("placed");
        var balance = (await _http.GetObjectAsync(customerPath))["balance"]!;
        balance["available"]!.GetValue<long>().Should().Be(800);
        balance["redeemed"]!.GetValue<long>().Should().Be(1_200);

        var repeated = await _http.SendJsonAsync(HttpMethod.Post, customerPath + "/redemptions", new { itemId = "ITEM-redeem-spa", quantity = 2, idempotencyKey = "r-1" });
        (await repeated.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>().Should().Be(redemption["redemptionId"]!.GetValue<string>());
        (await _http.GetObjectAsync(customerPath))["balance"]!["available"]!.GetValue<long>().Should().Be(800, "a repeated idempotency key redeems once");

        var id = redemption["redemptionId"]!.GetValue<string>();
        var cancelled = await _http.PostAsync($"/api/v1/redemptions/{id}/cancel", null);
        cancelled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>().Should().Be("cancelled");
        balance = (await _http.GetObjectAsync(customerPath))["balance"]!;
        balance["available"]!.GetValue<long>().Should().Be(2_000);
        balance["redeemed"]!.GetValue<long>().Should().Be(0);

        var fulfilCancelled = await _http.PostAsync($"/api/v1/redemptions/{id}/fulfil", null);
        fulfilCancelled.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await fulfilCancelled.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/redemption-settled");
    }

    [Fact]
    public async Task A_redemption_beyond_the_balance_is_refused_with_409_insufficient_points_and_moves_nothing()
    {
        var traffic = await CustomerWithPointsAsync("redeemshort", visits: 1);
        await PutItemAsync("ITEM-redeemshort-trip", new { name = "Weekend trip", category = "adventure", pointsCost = 501 });
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";

        var refused = await _http.SendJsonAsync(HttpMethod.Post, customerPath + "/redemptions", new { itemId = "ITEM-redeemshort-trip", quantity = 1, idempotencyKey = "r-1" });

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/insufficient-points");
        (await _http.GetObjectAsync(customerPath))["balance"]!["available"]!.GetValue<long>().Should().Be(500);
        (await _http.GetFromJsonAsync<JsonArray>(customerPath + "/redemptions")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_fulfilled_redemption_stays_redeemed_and_cannot_be_cancelled()
    {
        var traffic = await CustomerWithPointsAsync("redeemfulfil", visits: 2);
        await PutItemAsync("ITEM-redeemfulfil-dinner", new { name = "Dinner for two", category = "dining", pointsCost = 700 });
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        var placed = await _http.SendJsonAsync(HttpMethod.Post, customerPath + "/redemptions", new { itemId = "ITEM-redeemfulfil-dinner", quantity = 1, idempotencyKey = "r-1" });
        var id = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();

        (await _http.PostAsync($"/api/v1/redemptions/{id}/fulfil", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var cancel = await _http.PostAsync($"/api/v1/redemptions/{id}/cancel", null);

        cancel.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var balance = (await _http.GetObjectAsync(customerPath))["balance"]!;
        balance["available"]!.GetValue<long>().Should().Be(300);
        balance["redeemed"]!.GetValue<long>().Should().Be(700);
        (await _http.PostAsync("/api/v1/redemptions/RD~customer~NOBODY~k/fulfil", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.PostAsync("/api/v1/redemptions/not-a-redemption/cancel", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Items_for_a_minimum_tier_and_items_out_of_stock_are_refused_with_their_own_problem_types()
    {
        var traffic = await CustomerWithPointsAsync("redeemrules", visits: 4);
        await PutItemAsync("ITEM-redeemrules-track", new { name = "Track day", category = "adventure", pointsCost = 100, minimumTier = "platinum" });
        await PutItemAsync("ITEM-redeemrules-mats", new { name = "Floor mats", category = "accessories", pointsCost = 100, stock = 1 });
        var redemptions = $"/api/v1/customers/{traffic.Customer()}/redemptions";

        var tier = await _http.SendJsonAsync(HttpMethod.Post, redemptions, new { itemId = "ITEM-redeemrules-track", quantity = 1, idempotencyKey = "r-1" });
        var first = await _http.SendJsonAsync(HttpMethod.Post, redemptions, new { itemId = "ITEM-redeemrules-mats", quantity = 1, idempotencyKey = "r-2" });
        var second = await _http.SendJsonAsync(HttpMethod.Post, redemptions, new { itemId = "ITEM-redeemrules-mats", quantity = 1, idempotencyKey = "r-3" });

        tier.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await tier.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/tier-required");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/out-of-stock");
        var catalog = await _http.GetFromJsonAsync<JsonArray>("/api/v1/catalog?category=accessories");
        catalog!.Single(i => i!["itemId"]!.GetValue<string>() == "ITEM-redeemrules-mats")!["stock"]!.GetValue<int>().Should().Be(0);

        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();
        (await _http.PostAsync($"/api/v1/redemptions/{id}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        catalog = await _http.GetFromJsonAsync<JsonArray>("/api/v1/catalog?category=accessories");
        catalog!.Single(i => i!["itemId"]!.GetValue<string>() == "ITEM-redeemrules-mats")!["stock"]!.GetValue<int>().Should().Be(1, "a cancellation puts the stock back");
    }

    [Fact]
    public async Task The_wallet_ledger_lists_every_movement_newest_first_in_pages()
    {
        var traffic = await CustomerWithPointsAsync("ledger", visits: 3);
        await PutItemAsync("ITEM-ledger-coffee", new { name = "Coffee", category = "dining", pointsCost = 200 });
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        var placed = await _http.SendJsonAsync(HttpMethod.Post, customerPath + "/redemptions", new { itemId = "ITEM-ledger-coffee", quantity = 1, idempotencyKey = "r-1" });
        var id = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();
        (await _http.PostAsync($"/api/v1/redemptions/{id}/cancel", null)).EnsureSuccessStatusCode();

        var lines = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await _http.GetObjectAsync($"{customerPath}/ledger?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            page["items"]!.AsArray().Count.Should().BeLessThanOrEqualTo(2);
            lines.AddRange(page["items"]!.AsArray()!);
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        lines.Select(l => (l!["kind"]!.GetValue<string>(), l["points"]!.GetValue<long>())).Should().Equal(
            ("refund", 200L), ("redemption", -200L), ("award", 500L), ("award", 500L), ("award", 500L));
        lines.Where(l => l!["kind"]!.GetValue<string>() == "award").Select(l => l!["sourceEventId"]!.GetValue<string>())
            .Should().BeEquivalentTo("dms:ledger-visit-1", "dms:ledger-visit-2", "dms:ledger-visit-3");
        lines.Should().OnlyContain(l => l!["kind"]!.GetValue<string>() != "award" || l["dealershipId"]!.GetValue<string>() == traffic.Dealership);

        var audit = await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>());
        audit["journalMatchesGrains"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Staff_redeem_their_KPI_points_the_same_way_but_not_tier_items()
    {
        var traffic = new Traffic(_http, "staffredeem");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.VisitCompleted("staffredeem-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var staffPath = $"/api/v1/staff/{traffic.Staff("T", 1)}";
        var earned = (await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync(staffPath), s => s["wallet"]?["available"]?.GetValue<long>() > 0))
            ["wallet"]!["available"]!.GetValue<long>();
        await PutItemAsync("ITEM-staffredeem-cash", new { name = "Cash payout", category = "cash", pointsCost = 1 });
        await PutItemAsync("ITEM-staffredeem-gold", new { name = "Gold lounge", category = "lifestyle", pointsCost = 1, minimumTier = "gold" });

        var payout = await _http.SendJsonAsync(HttpMethod.Post, staffPath + "/redemptions", new { itemId = "ITEM-staffredeem-cash", quantity = 100, idempotencyKey = "pay-1" });
        var lounge = await _http.SendJsonAsync(HttpMethod.Post, staffPath + "/redemptions", new { itemId = "ITEM-staffredeem-gold", quantity = 1, idempotencyKey = "lounge-1" });

        payout.StatusCode.Should().Be(HttpStatusCode.Created);
        (await _http.GetObjectAsync(staffPath))["wallet"]!["available"]!.GetValue<long>().Should().Be(earned - 100);
        lounge.StatusCode.Should().Be(HttpStatusCode.Conflict, "staff have no tier");
        (await _http.GetFromJsonAsync<JsonArray>(staffPath + "/redemptions"))!.Select(r => r!["status"]!.GetValue<string>()).Should().Equal("placed");
    }

    [Fact]
    public async Task Catalog_and_redemption_calls_name_the_field_at_fault()
    {
        var item = await _http.SendJsonAsync(HttpMethod.Put, "/api/v1/catalog/items/ITEM-bad", new { name = "", category = "yachts", pointsCost = 0, stock = -1, minimumTier = "diamond" });
        var redemption = await _http.SendJsonAsync(HttpMethod.Post, "/api/v1/customers/C-bad/redemptions", new { itemId = "no such item", quantity = 0, idempotencyKey = "a~b" });
        var unknownItem = await _http.SendJsonAsync(HttpMethod.Post, "/api/v1/customers/C-bad/redemptions", new { itemId = "ITEM-never-put", quantity = 1, idempotencyKey = "k" });
        var ledger = await _http.GetAsync("/api/v1/customers/C-bad/ledger?cursor=-4&limit=5000");

        (await FieldsAtFault(item)).Should().BeEquivalentTo("name", "category", "pointsCost", "stock", "minimumTier");
        (await FieldsAtFault(redemption)).Should().BeEquivalentTo("itemId", "quantity", "idempotencyKey");
        (await FieldsAtFault(unknownItem)).Should().BeEquivalentTo("itemId");
        (await FieldsAtFault(ledger)).Should().BeEquivalentTo("cursor", "limit");
        (await _http.GetAsync("/api/v1/catalog?category=yachts")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<IEnumerable<string>> FieldsAtFault(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key);
    }
}
