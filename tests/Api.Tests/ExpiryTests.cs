using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

[Collection(TimeTravelCollection.Name)]
public class ExpiryTests(TimeTravelEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();


    [Fact]
    public async Task Points_expire_by_themselves_two_years_after_the_day_they_were_earned()
    {
        var traffic = new Traffic(_http, "expiry");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("expiry-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await Eventually.HoldsAsync(() => _http.AvailableAsync(customerPath), available => available == 500);
        var customer = await _http.GetObjectAsync(customerPath);
        customer["expiringSoon"]!.AsArray().Should().BeEmpty("nothing expires within 90 days of being earned");

        engine.Clock.Advance(TimeSpan.FromDays(365 * 2 - 60));
        customer = await _http.GetObjectAsync(customerPath);
        customer["expiringSoon"]!.AsArray().Select(e => e!["points"]!.GetValue<long>()).Should().Equal(500);

        engine.Clock.Advance(TimeSpan.FromDays(62));
        // What the sweep's reminder does on its next tick (hourly, in real time).
        var swept = await engine.Grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).SweepAsync();

        swept.Should().BeGreaterThanOrEqualTo(1);
        var balance = (await _http.GetObjectAsync(customerPath))["balance"]!;
        balance["available"]!.GetValue<long>().Should().Be(0);
        balance["expired"]!.GetValue<long>().Should().Be(500);
        var ledger = await _http.GetObjectAsync(customerPath + "/ledger");
        ledger["items"]![0]!["kind"]!.GetValue<string>().Should().Be("expiry");
        ledger["items"]![0]!["points"]!.GetValue<long>().Should().Be(-500);
        var audit = await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>());
        audit["expired"]!.GetValue<long>().Should().Be(500);

        // Sweep windows overlap by design (a margin for day ends): a wallet asked twice expires once.
        await engine.Grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).SweepAsync();
        (await _http.GetObjectAsync(customerPath))["balance"]!["expired"]!.GetValue<long>().Should().Be(500);
    }

    [Fact]
    public async Task Points_given_back_by_a_cancellation_after_their_date_expire_at_once()
    {
        var traffic = new Traffic(_http, "expiryrefund");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("expiryrefund-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await Eventually.HoldsAsync(() => _http.AvailableAsync(customerPath), available => available == 500);
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-expiryrefund-bag", new { name = "Bag", category = "lifestyle", pointsCost = 500 })).EnsureSuccessStatusCode();
        var placed = await _http.PostAsJsonAsync(customerPath + "/redemptions", new { itemId = "ITEM-expiryrefund-bag", quantity = 1, idempotencyKey = "bag-1" });
        var id = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();

        engine.Clock.Advance(TimeSpan.FromDays(365 * 2 + 10));
        await engine.Grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).SweepAsync();
        (await _http.PostAsync($"/api/v1/redemptions/{id}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var balance = (await _http.GetObjectAsync(customerPath))["balance"]!;
        balance["available"]!.GetValue<long>().Should().Be(0);
        balance["redeemed"]!.GetValue<long>().Should().Be(0);
        balance["expired"]!.GetValue<long>().Should().Be(500);
    }

    [Fact]
    public async Task A_customer_is_told_30_days_before_their_points_expire_once()
    {
        var traffic = new Traffic(_http, "expirynotice");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("expirynotice-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await Eventually.HoldsAsync(() => _http.AvailableAsync(customerPath), available => available == 500);
        var sweep = engine.Grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key);

        engine.Clock.Advance(TimeSpan.FromDays((365 * 2) - 40));
        await sweep.SweepAsync();
        (await NoticesAsync(traffic.Customer())).Should().BeEmpty("40 days before, nothing is due to be told");

        engine.Clock.Advance(TimeSpan.FromDays(20));
        await sweep.SweepAsync();
        await sweep.SweepAsync();

        var notice = (await NoticesAsync(traffic.Customer())).Single();
        notice["target"]!.GetValue<string>().Should().Be($"customer:{traffic.Customer()}");
        notice["data"]!["points"]!.GetValue<string>().Should().Be("500");
    }

    private async Task<List<JsonObject>> NoticesAsync(string customerId) =>
        [.. (await _http.NotificationFeedAsync())
            .Where(n => n["type"]!.GetValue<string>() == "points.expiring" && n["data"]?["customerId"]?.GetValue<string>() == customerId)];
}
