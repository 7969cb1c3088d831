using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary>
/// Downgrades only at the yearly review (program.md), driven by the review sweep's reminder; the
/// tests move program time and sweep as the reminder's next tick would.
/// </summary>
[Collection(LoyaltyTimeCollection.Name)]
public class TierReviewTests(LoyaltyTimeEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private DateOnly Today => DateOnly.FromDateTime(engine.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(5.5)).DateTime);

    private Task<int> SweepAsync() => engine.Grains.GetGrain<ITierReviewSweepGrain>(ITierReviewSweepGrain.Key).SweepAsync();

    private async Task<Traffic> CustomerWithReviewDateAsync(string prefix, DateOnly reviewDate)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        (await _http.PutAsJsonAsync($"{traffic.CustomerPath()}/profile", new
        {
            name = "Review Customer", preferences = Array.Empty<string>(), reviewDate = reviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).EnsureSuccessStatusCode();
        return traffic;
    }

    /// <summary>The review grain (its day's slice) the traffic's customer enrols with.</summary>
    private ITierReviewGrain ReviewDay(Traffic traffic, DateOnly reviewDate) =>
        engine.Grains.GetGrain<ITierReviewGrain>(TierReviewCalendar.SliceKeyOf(TierReviewCalendar.DayKey(reviewDate), traffic.Customer()));

    /// <summary>The customer is enrolled for its review day once its tier shows: enrolment comes before the write.</summary>
    private async Task EnrolledAsync(Traffic traffic, DateOnly reviewDate) =>
        (await ReviewDay(traffic, reviewDate).CustomersAsync()).Should().Contain(traffic.Customer());

    [Fact]
    public async Task A_customer_who_no_longer_qualifies_keeps_the_tier_until_the_review_date_then_goes_down_with_a_notification()
    {
        await SweepAsync(); // the reviews are done up to today
        var reviewDate = Today.AddDays(15);
        var traffic = await CustomerWithReviewDateAsync("review-down", reviewDate);
        (await traffic.PostAsync(traffic.Accessory("a1", 1_000_000m))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(traffic, 1)).Tier().Should().Be("gold");
        await EnrolledAsync(traffic, reviewDate);

        // This year's review: the 50,000 points still qualify.
        engine.Clock.Advance(TimeSpan.FromDays(20));
        (await SweepAsync()).Should().BeGreaterThanOrEqualTo(1);
        (await _http.GetObjectAsync(traffic.CustomerPath())).Tier().Should().Be("gold");

        // A year on the points no longer qualify, but the review date has not come round again.
        engine.Clock.Advance(TimeSpan.FromDays(350));
        await SweepAsync();
        var midYear = await _http.GetObjectAsync(traffic.CustomerPath());
        midYear["tierProgress"]!["qualifyingPoints"]!.GetValue<long>().Should().Be(0);
        midYear["tierProgress"]!["pointsTier"]!.GetValue<string>().Should().Be("silver");
        midYear.Tier().Should().Be("gold", "a tier never goes down mid-year");

        engine.Clock.Advance(TimeSpan.FromDays(11));
        await SweepAsync();

        (await _http.GetObjectAsync(traffic.CustomerPath())).Tier().Should().Be("silver");
        var reviewed = await Eventually.HoldsAsync(() => _http.NotificationsAsync("tier.reviewed", traffic.Customer()), n => n.Count > 0);
        reviewed.Should().ContainSingle();
        reviewed[0]["data"]!["from"]!.GetValue<string>().Should().Be("gold");
        reviewed[0]["data"]!["to"]!.GetValue<string>().Should().Be("silver");
        (await ReviewDay(traffic, reviewDate).CustomersAsync())
            .Should().NotContain(traffic.Customer(), "a Silver customer has nothing left to review");

        // The sweep may ask again (a retry, a second silo): the review happens once.
        await ReviewDay(traffic, reviewDate).ReviewAsync(Today);
        (await _http.NotificationsAsync("tier.reviewed", traffic.Customer())).Should().ContainSingle();
    }

    [Fact]
    public async Task A_customer_who_went_down_at_the_review_and_qualifies_again_is_enrolled_again()
    {
        await SweepAsync();
        var reviewDate = Today.AddDays(15);
        var traffic = await CustomerWithReviewDateAsync("review-again", reviewDate);
        (await traffic.PostAsync(traffic.Accessory("a1", 1_000_000m))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(traffic, 1)).Tier().Should().Be("gold");
        await EnrolledAsync(traffic, reviewDate);

        // Next year's review: the points no longer qualify, the customer goes down and leaves the day.
        engine.Clock.Advance(TimeSpan.FromDays(20));
        await SweepAsync();
        engine.Clock.Advance(TimeSpan.FromDays(361));
        await SweepAsync();
        (await _http.GetObjectAsync(traffic.CustomerPath())).Tier().Should().Be("silver");
        (await ReviewDay(traffic, reviewDate).CustomersAsync()).Should().NotContain(traffic.Customer());

        // Gold again (points qualify from the day they arrive): reviewed again next year.
        (await traffic.PostAsync(traffic.Accessory("a2", 1_000_000m))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(traffic, 2)).Tier().Should().Be("gold");
        await EnrolledAsync(traffic, reviewDate);
    }

    [Fact]
    public async Task A_whole_day_list_written_before_days_were_sliced_is_still_reviewed()
    {
        await SweepAsync();
        var reviewDate = Today.AddDays(5);
        var traffic = await CustomerWithReviewDateAsync("review-whole-day", reviewDate);
        // A Silver customer nothing enrolled, listed the way earlier versions listed a day: whole.
        var wholeDay = engine.Grains.GetGrain<ITierReviewGrain>(TierReviewCalendar.DayKey(reviewDate));
        await wholeDay.EnrolAsync(traffic.Customer());

        engine.Clock.Advance(TimeSpan.FromDays(5));
        await SweepAsync();

        (await wholeDay.CustomersAsync()).Should().NotContain(traffic.Customer(), "the sweep reviewed the whole-day list, which a Silver customer leaves");
    }

    [Fact]
    public async Task A_customer_whose_vehicle_qualifies_keeps_the_tier_at_the_review()
    {
        await SweepAsync();
        var reviewDate = Today.AddDays(3);
        var traffic = await CustomerWithReviewDateAsync("review-keep", reviewDate);
        (await traffic.PostAsync(traffic.Contract("c1", "performance"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(traffic, 1)).Tier().Should().Be("platinum");
        await EnrolledAsync(traffic, reviewDate);

        engine.Clock.Advance(TimeSpan.FromDays(370));
        await SweepAsync();

        var customer = await _http.GetObjectAsync(traffic.CustomerPath());
        customer.Tier().Should().Be("platinum");
        customer["tierProgress"]!["qualifyingPoints"]!.GetValue<long>().Should().Be(0, "the contract's points no longer qualify; the vehicle does");
        (await _http.NotificationsAsync("tier.reviewed", traffic.Customer())).Should().BeEmpty();
    }
}
