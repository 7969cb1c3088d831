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

    [Fact]
    public async Task A_customer_that_enrols_while_the_day_is_reviewed_stays_listed()
    {
        var day = _client.GetGrain<ITierReviewGrain>("02-28");
        // Customers no event has named: each answers that it leaves the day.
        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => day.EnrolAsync($"C-race-{i}")));

        var review = day.ReviewAsync(new DateOnly(2027, 2, 28));
        // The first ones have answered "leaving" by now; one of them enrols again (upgraded meanwhile).
        await Task.Delay(100);
        await day.EnrolAsync("C-race-0");
        await review;

        (await day.CustomersAsync()).Should().Equal(["C-race-0"], "an enrolment made during the review outlives the review's answer");
    }
}
