using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;

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

        // One of them answers "leaving" and enrols again (upgraded meanwhile) before the day hears the answer.
        var answer = AnsweredCalls.Arm(_client.GetGrain<ICustomerGrain>("C-race-0").GetGrainId(), nameof(ICustomerGrain.ReviewTierAsync), hold: true);
        var review = day.ReviewAsync(new DateOnly(2027, 2, 28));
        await answer.AnsweredAsync();
        await day.EnrolAsync("C-race-0");
        answer.Release();
        await review;

        (await day.CustomersAsync()).Should().Equal(["C-race-0"], "an enrolment made during the review outlives the review's answer");
    }

    [Fact]
    public async Task A_customer_turning_gold_is_enrolled_for_its_review_day_before_its_tier_is_stored()
    {
        var customer = _client.GetGrain<ICustomerGrain>("C-enrolled");
        await customer.SetProfileAsync(new CustomerProfile("Enrolled", [], new DateOnly(2027, 7, 5)));

        await customer.ApplyAsync(Visits("enrolled", "C-enrolled", 100));
        // Nothing else runs after the answer: what the review day holds now, it was told before.
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        (await customer.GetAsync())!.Tier.Should().Be(Tier.Gold);
        (await _client.GetGrain<ITierReviewGrain>(TierReviewCalendar.SliceKeyOf("07-05", "C-enrolled")).CustomersAsync()).Should().Contain("C-enrolled");
    }

    [Fact]
    public async Task A_customer_that_cannot_enrol_is_not_stored_gold_and_the_delivery_fails_for_a_retry()
    {
        var customer = _client.GetGrain<ICustomerGrain>(RefusedEnrolment.CustomerId);
        await customer.SetProfileAsync(new CustomerProfile("Unenrolled", [], new DateOnly(2027, 7, 4)));

        var apply = () => customer.ApplyAsync(Visits("unenrolled", RefusedEnrolment.CustomerId, 100));

        await apply.Should().ThrowAsync<InvalidOperationException>();
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = (await customer.GetAsync())!;
        stored.Tier.Should().Be(Tier.Silver, "a Gold customer stored without its review day would keep Gold past the review");
        stored.EventsApplied.Should().Be(0);
        (await _client.GetGrain<ITierReviewGrain>(TierReviewCalendar.SliceKeyOf("07-04", RefusedEnrolment.CustomerId)).CustomersAsync())
            .Should().NotContain(RefusedEnrolment.CustomerId);
    }

    // 100 scheduled visits of 500 points each: 50,000 qualifying points, Gold (pending: no budget).
    private static Immutable<IReadOnlyList<DmsEvent>> Visits(string prefix, string customerId, int count) =>
        Enumerable.Range(0, count).Select(i => new DmsEvent(
            "dms", $"{prefix}-{i}", DateTimeOffset.UtcNow.AddMinutes(-5), "DLR-G-review",
            new VisitCompleted($"JC-{prefix}-{i}", customerId, "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", ["S-T1"],
                DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), true, false, true, 10_000m)))
        .ToList().AsImmutable<IReadOnlyList<DmsEvent>>();
}
