using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class TierCensusTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    [Fact]
    public async Task Customers_reporting_at_once_are_each_counted_once_and_stored()
    {
        var census = _client.GetGrain<ITierCensusGrain>("DLR-census|0");
        var tiers = new[] { Tier.Silver, Tier.Gold, Tier.Platinum };

        // 600 reports at once, then the same again (a retry counts once), then 100 upgrades.
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => census.CountAsync($"C-census-{i}", tiers[i % 3])));
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => census.CountAsync($"C-census-{i}", tiers[i % 3])));
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => census.CountAsync($"C-census-{i * 3}", Tier.Gold)));
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        (await census.CountsAsync()).Should().Be(new TierCounts(100, 300, 200), "what was answered was stored");
    }
}
