using System.Globalization;

namespace Pitstop.Api.Tests.Workshop;

/// <summary>
/// The job-card SLA watch, driven by program time: the advisor is warned 30 minutes before the
/// promise and alerted at it while the card is open. Tests only move the clock forward and set
/// each promise relative to it; the review is called as the dealership's reminder would.
/// </summary>
[Collection(WorkshopCollection.Name)]
public class SlaWatchTests(WorkshopEngine engine)
{
    private static readonly TimeSpan Warning = TimeSpan.FromMinutes(30);

    private readonly HttpClient _http = engine.CreateClient();

    private DateTimeOffset Now => engine.Clock.GetUtcNow();

    private async Task<JobCards> DealershipAsync(string prefix)
    {
        var cards = new JobCards(engine, _http, prefix);
        await cards.RegisterDealershipAsync();
        return cards;
    }

    [Fact]
    public async Task The_advisor_is_warned_30_minutes_before_the_promise_and_alerted_at_it()
    {
        var cards = await DealershipAsync("sla-timely");
        var promisedAt = Now.AddHours(2);
        await cards.OpenAsync("v1", promisedAt);

        engine.Clock.Advance(promisedAt - Warning - Now - TimeSpan.FromSeconds(1));
        await cards.ReviewAsync();
        (await cards.AlertsAsync("v1")).Should().BeEmpty("the warning is not due yet");

        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await cards.ReviewAsync();
        var approaching = (await cards.AlertsAsync("v1")).Should().ContainSingle().Subject;
        approaching["id"]!.GetValue<string>().Should().Be($"sla.approaching:{cards.Id("v1")}");
        approaching["type"]!.GetValue<string>().Should().Be("sla.approaching");
        approaching["target"]!.GetValue<string>().Should().Be($"staff:{cards.Advisor}");
        var data = approaching["data"]!.AsObject();
        data["customerId"]!.GetValue<string>().Should().Be(cards.Customer);
        data["dealershipId"]!.GetValue<string>().Should().Be(cards.Dealership);
        DateTimeOffset.Parse(data["promisedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).Should().Be(promisedAt);

        engine.Clock.Advance(promisedAt - Now);
        await cards.ReviewAsync();
        var alerts = await cards.AlertsAsync("v1");
        JobCards.Types(alerts).Should().Equal("sla.approaching", "sla.breached");
        alerts[1]["id"]!.GetValue<string>().Should().Be($"sla.breached:{cards.Id("v1")}");
        alerts[1]["target"]!.GetValue<string>().Should().Be($"staff:{cards.Advisor}");
        (await cards.WatchedAsync()).Should().Contain(cards.Id("v1"), "a breached card is watched until it closes");
    }

    [Fact]
    public async Task Each_alert_is_raised_once_however_often_the_review_runs()
    {
        var cards = await DealershipAsync("sla-once");
        var promisedAt = Now.AddHours(1);
        await cards.OpenAsync("v1", promisedAt);

        engine.Clock.Advance(promisedAt - Warning - Now);
        await cards.ReviewAsync();
        (await cards.ReviewAsync()).Should().Be(0);
        engine.Clock.Advance(Warning);
        await cards.ReviewAsync();
        (await cards.ReviewAsync()).Should().Be(0);
        engine.Clock.Advance(TimeSpan.FromHours(1));

        (await cards.ReviewAsync()).Should().Be(0);
        JobCards.Types(await cards.AlertsAsync("v1")).Should().Equal("sla.approaching", "sla.breached");
    }

    [Fact]
    public async Task Closing_the_card_before_the_warning_cancels_both_alerts()
    {
        var cards = await DealershipAsync("sla-early");
        var promisedAt = Now.AddHours(2);
        await cards.OpenAsync("v1", promisedAt);

        await cards.CompleteAsync("v1", promisedAt);
        engine.Clock.Advance(promisedAt - Now + TimeSpan.FromMinutes(1));
        await cards.ReviewAsync();

        (await cards.AlertsAsync("v1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Closing_the_card_after_the_warning_cancels_the_breach()
    {
        var cards = await DealershipAsync("sla-between");
        var promisedAt = Now.AddHours(2);
        await cards.OpenAsync("v1", promisedAt);
        engine.Clock.Advance(promisedAt - Warning - Now + TimeSpan.FromMinutes(5));
        await cards.ReviewAsync();

        await cards.CompleteAsync("v1", promisedAt);
        engine.Clock.Advance(Warning);
        await cards.ReviewAsync();

        JobCards.Types(await cards.AlertsAsync("v1")).Should().Equal("sla.approaching");
    }

    [Fact]
    public async Task A_completion_that_arrives_before_its_opening_leaves_no_watch()
    {
        var cards = await DealershipAsync("sla-reordered");
        var promisedAt = Now.AddHours(2);
        await cards.PostAsync(cards.Completed("v1", promisedAt));
        await cards.PostAsync(cards.Opened("v1", promisedAt));
        // The dealership's stream keeps arrival order: once a later card is watched, both events
        // of the first have been applied.
        await cards.OpenAsync("v2", promisedAt.AddHours(1));

        (await cards.WatchedAsync()).Should().Equal(cards.Id("v2"));
        engine.Clock.Advance(promisedAt - Now + TimeSpan.FromMinutes(1));
        await cards.ReviewAsync();
        (await cards.AlertsAsync("v1")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_card_opened_after_its_promise_is_alerted_as_breached_at_the_next_review()
    {
        var cards = await DealershipAsync("sla-late");
        await cards.OpenAsync("v1", Now.AddMinutes(-10));

        await cards.ReviewAsync();

        JobCards.Types(await cards.AlertsAsync("v1")).Should().Equal(["sla.breached"], "a warning of what is past is no use");
    }
}
