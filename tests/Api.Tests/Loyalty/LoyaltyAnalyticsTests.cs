using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary><c>GET /api/v1/analytics/loyalty</c>: customers by tier, points issued vs redeemed, within the caller's scope.</summary>
[Collection(EngineCollection.Name)]
public class LoyaltyAnalyticsTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_dealership_shows_its_customers_by_tier_and_the_points_it_issued_against_those_redeemed()
    {
        var traffic = new Traffic(_http, "loyaltystats");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        (await traffic.PostAsync(
            traffic.Visit("v1", customer: 1),
            traffic.Contract("c2", "mid", customer: 2),
            traffic.Contract("c3", "performance", customer: 3))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.CustomerAfterAsync(traffic, 1, customer: 1);
        await _http.CustomerAfterAsync(traffic, 1, customer: 2);
        await _http.CustomerAfterAsync(traffic, 1, customer: 3);
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-loyaltystats", new { name = "Coffee", category = "dining", pointsCost = 300 })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync($"{traffic.CustomerPath(1)}/redemptions", new { itemId = "ITEM-loyaltystats", quantity = 1, idempotencyKey = "stats-1" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var stats = await Eventually.HoldsAsync(
            () => _http.GetObjectAsync($"/api/v1/analytics/loyalty?dealershipId={traffic.Dealership}"),
            s => s["pointsRedeemed"]!.GetValue<long>() == 300);

        stats["customers"]!.GetValue<long>().Should().Be(3);
        stats["tiers"]!.ToJsonString().Should().Be("""{"silver":1,"gold":1,"platinum":1}""");
        stats["pointsIssued"]!.GetValue<long>().Should().Be(500 + 20_000 + 40_000);
        stats["redemptionRate"]!.GetValue<double>().Should().BeApproximately(300.0 / 60_500, 1e-9);
    }

    [Fact]
    public async Task A_scoped_reader_sees_only_its_dealerships_and_bad_filters_are_named()
    {
        var outside = new Traffic(_http, "loyaltystats-out");
        await outside.RegisterDealershipAsync();
        // The workshop manager's own dealership (registered as the other tests register it).
        await new Traffic(_http, "authz").RegisterDealershipAsync();
        var manager = engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey);

        (await manager.GetAsync($"/api/v1/analytics/loyalty?dealershipId={outside.Dealership}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.GetAsync($"/api/v1/analytics/loyalty?dealershipId={TestCredentials.ManagedDealership}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await engine.CreateClientWithKey(TestCredentials.IngestKarnatakaKey).GetAsync("/api/v1/analytics/loyalty")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var bad = await _http.GetAsync("/api/v1/analytics/loyalty?state=XX&dealershipId=a%20b");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("state", "dealershipId");
    }

    [Theory]
    [InlineData("dealershipId", "..%2F..%2Fetc%2Fpasswd")]
    [InlineData("dealershipId", "a%00b")]
    [InlineData("dealershipId", "k%0D%0AX-Injected:%201")]
    [InlineData("dealershipId", "caf%C3%A9")]
    [InlineData("state", "ka")]
    [InlineData("state", "KA%00")]
    [InlineData("state", "KAR")]
    [InlineData("month", "2026-13")]
    [InlineData("month", "2026-1")]
    [InlineData("month", "2026-11%00")]
    [InlineData("months", "0")]
    [InlineData("months", "13")]
    [InlineData("months", "-1")]
    [InlineData("months", "99999999999999999999")]
    public async Task A_hostile_filter_is_refused_naming_it(string field, string value)
    {
        var request = $"/api/v1/analytics/loyalty?{field}={value}";
        using var response = await _http.SendWithDeadlineAsync(new HttpRequestMessage(HttpMethod.Get, request));

        await ProblemChecks.ShouldBeProblemAsync(response, request, HttpStatusCode.BadRequest, ownType: true, [field]);
    }

    [Fact]
    public async Task A_huge_filter_is_refused_naming_it()
    {
        var request = $"/api/v1/analytics/loyalty?dealershipId={new string('a', 20_000)}";
        using var response = await _http.SendWithDeadlineAsync(new HttpRequestMessage(HttpMethod.Get, request));

        await ProblemChecks.ShouldBeProblemAsync(response, "a 20,000-character dealershipId", HttpStatusCode.BadRequest, ownType: true, ["dealershipId"]);
    }
}
