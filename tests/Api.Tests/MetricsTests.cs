using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// An engine of its own, whose tests run while no other test does: the exporter behind /metrics
/// listens to every meter of its name in the process, so the other engines of the test run would
/// move these counters too.
/// </summary>
public sealed class MetricsEngine : EmbeddedEngine
{
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<MetricsEngine>
{
    public const string Name = "metrics engine";
}

/// <summary>/metrics (api.md, operations): the engine's own points counters move with the traffic, beside Orleans' meters.</summary>
[Collection(MetricsCollection.Name)]
public class MetricsTests(MetricsEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task The_points_counters_move_by_the_points_awarded_held_funded_and_redeemed()
    {
        var traffic = new Traffic(_http, "points-metrics");
        await traffic.RegisterDealershipAsync();
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-points-metrics", new { name = "Coffee for two", category = "dining", pointsCost = 300 }))
            .EnsureSuccessStatusCode();
        var before = await ScrapeAsync();
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";

        // The pool is empty, so the visit's 500 points wait; the top-up then funds them.
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("points-metrics-visit"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync(customerPath), c => c["balance"]?["pending"]?.GetValue<long>() == 500);
        (await _http.PostAsJsonAsync("/api/v1/pool/mint", new { points = 1_000, reason = "metrics", idempotencyKey = "points-metrics-mint" })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = 1_000, reason = "metrics", idempotencyKey = "points-metrics-top-up" }))
            .EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => _http.AvailableAsync(customerPath), available => available == 500);
        (await _http.PostAsJsonAsync($"{customerPath}/redemptions", new { itemId = "ITEM-points-metrics", quantity = 1, idempotencyKey = "points-metrics-coffee" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var expected = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["pitstop_points_minted"] = 1_000,
            ["pitstop_points_topped_up"] = 1_000,
            ["pitstop_points_pending"] = 500,
            ["pitstop_points_issued{member=\"customer\"}"] = 500,
            ["pitstop_points_redeemed{member=\"customer\"}"] = 300,
        };
        // The exporter refreshes its snapshot at most every few seconds.
        var after = await Eventually.HoldsAsync(ScrapeAsync, now => expected.All(e => now.Of(e.Key) - before.Of(e.Key) >= e.Value), TimeSpan.FromSeconds(30));

        expected.Keys.Select(k => after.Of(k) - before.Of(k)).Should().Equal(expected.Values, "every counter moved by exactly the points moved");
        (after.Of("pitstop_points_expired") - before.Of("pitstop_points_expired")).Should().Be(0);
    }

    [Fact]
    public async Task Orleans_grain_messaging_and_stream_metrics_are_exported_beside_the_engine_s_own()
    {
        var traffic = new Traffic(_http, "orleans-metrics");
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("orleans-metrics-visit"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        // Applied before the test ends: a late award would move the points counters of the test after it.
        await Eventually.HoldsAsync(
            () => _http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer()}"), c => c["balance"]?["pending"]?.GetValue<long>() == 500);

        var metrics = await Eventually.HoldsAsync(
            ScrapeAsync, m => m.Of("orleans_streams_persistent_stream_messages_read") > 0 && m.Has("pitstop_intake_events"), TimeSpan.FromSeconds(30));

        metrics.Of("orleans_grains").Should().BeGreaterThan(0, "live grains are counted by type");
        metrics.Has("orleans_catalog_activations").Should().BeTrue("grain activations are counted");
        metrics.Of("orleans_messaging_processing_dispatcher_received").Should().BeGreaterThan(0, "messages between grains are counted");
        metrics.Has("orleans_streams_persistent_stream_pulling_agents").Should().BeTrue("the event streams' pulling agents are measured");
    }

    private async Task<Scrape> ScrapeAsync() => new(await _http.GetStringAsync("/metrics"));

    /// <summary>One scrape of /metrics in Prometheus text format.</summary>
    private sealed record Scrape(string Text)
    {
        private IEnumerable<string> Samples => Text.Split('\n').Where(l => l.Length > 0 && l[0] != '#');

        public bool Has(string prefix) => Samples.Any(l => l.StartsWith(prefix, StringComparison.Ordinal));

        /// <summary>
        /// The sum of the samples of a counter (<c>name</c> or <c>name{label="value"}</c>, every
        /// sample having that label), 0 while it has none.
        /// </summary>
        public double Of(string series)
        {
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var name = brace < 0 ? series : series[..brace];
            var label = brace < 0 ? null : series[(brace + 1)..^1];
            return Samples
                .Where(l => l.StartsWith(name + "_total", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                .Where(l => label is null || l.Contains(label, StringComparison.Ordinal))
                .Sum(Value);
        }

        private static double Value(string sample)
        {
            var labelsEnd = sample.LastIndexOf('}');
            var rest = (labelsEnd < 0 ? sample[sample.IndexOf(' ', StringComparison.Ordinal)..] : sample[(labelsEnd + 1)..]).Trim();
            return double.Parse(rest.Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
}
