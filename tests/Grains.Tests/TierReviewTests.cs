using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class TierReviewTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    [Fact]
    public async Task Customers_enrolling_at_once_are_each_listed_once_and_stored()
    {
        var day = _client.GetGrain<ITierReviewGrain>("02-29");

        // 600 enrolments at once, then the same again (a retry lists once).
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => day.EnrolAsync($"C-review-{i}")));
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => day.EnrolAsync($"C-review-{i}")));
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        (await day.CustomersAsync()).Should().BeEquivalentTo(Enumerable.Range(0, 600).Select(i => $"C-review-{i}"), "what was answered was stored");
    }
}
