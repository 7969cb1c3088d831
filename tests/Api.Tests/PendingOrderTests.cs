using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>Awards waiting on a budget are funded oldest first by the time of their events (issue 24, item 10).</summary>
[Collection(PendingOrderCollection.Name)]
public class PendingOrderTests(PendingOrderTests.PoolEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_top_up_funds_the_awards_of_one_batch_oldest_event_first_and_nothing_overtakes_the_oldest()
    {
        var traffic = new Traffic(_http, "pendorder");
        await traffic.RegisterDealershipAsync();
        var budgetPath = $"/api/v1/dealerships/{traffic.Dealership}/budget";
        // No auto top-up: only the admin top-ups below fund the queue.
        (await _http.SendJsonAsync(HttpMethod.Put, budgetPath + "/policy", new { threshold = 0, amount = 0, monthlyCap = 0 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        // Oldest first in time, last in the batch: the order of the batch must not matter.
        (await traffic.PostAsync(
            traffic.Contract("c3", "entry", customer: 3, minutesAgo: 10),
            traffic.Visit("v2", customer: 2, minutesAgo: 20),
            traffic.Contract("c1", "performance", customer: 1, minutesAgo: 30))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _http.GetObjectAsync(budgetPath), b => b["pendingAwards"]!["points"]!.GetValue<long>() == 50_500, TimeSpan.FromSeconds(30));

        (await _http.PostAsJsonAsync("/api/v1/pool/mint", new { points = 40_500, reason = "test funding", idempotencyKey = "mint-pendorder" })).EnsureSuccessStatusCode();
        var first = await TopUpAsync(budgetPath, 30_000, "pendorder-1");
        first["available"]!.GetValue<long>().Should().Be(30_000, "the oldest award (40,000) waits, and nothing later is funded before it");
        first["pendingAwards"]!["count"]!.GetValue<int>().Should().Be(3);

        var second = await TopUpAsync(budgetPath, 10_500, "pendorder-2");
        second["available"]!.GetValue<long>().Should().Be(0);
        second["pendingAwards"]!["points"]!.GetValue<long>().Should().Be(10_000, "40,000 then 500 were funded; the newest waits");
        foreach (var (customer, available, pending) in new[] { (1, 40_000L, 0L), (2, 500L, 0L), (3, 0L, 10_000L) })
        {
            var view = await Eventually.HoldsAsync(() => _http.GetObjectAsync(traffic.CustomerPath(customer)), c => c["balance"]!["available"]!.GetValue<long>() == available);
            view["balance"]!["pending"]!.GetValue<long>().Should().Be(pending);
        }
    }

    private async Task<JsonObject> TopUpAsync(string budgetPath, long points, string key)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, budgetPath + "/top-ups", new { points, reason = "month end", idempotencyKey = key });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// An engine with a brand pool of its own: what this test mints is exactly what its top-ups take,
    /// and no other dealership's automatic top-up can draw on it in between (nor would a surplus left
    /// in a shared pool fund other tests' awards they expect to stay pending).
    /// </summary>
    public sealed class PoolEngine : EmbeddedEngine
    {
    }
}

[CollectionDefinition(Name)]
public sealed class PendingOrderCollection : ICollectionFixture<PendingOrderTests.PoolEngine>
{
    public const string Name = "pending order engine";
}
