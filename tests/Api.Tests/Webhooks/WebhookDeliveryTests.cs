using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Webhooks;

/// <summary>
/// Subscriptions deliver the notification feed to a receiver on loopback: each notification once
/// per id, in feed order, signed; a receiver that was down gets the backlog when it is back; pause,
/// resume and replay move what is sent; every attempt is listed.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookEngine engine) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _admin = engine.CreateClient();
    private readonly WebhookReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    [Fact]
    public async Task Every_notification_of_the_subscribed_dealership_arrives_once_in_feed_order_with_a_valid_signature()
    {
        var traffic = new Traffic(_admin, "hook-order");
        await traffic.RegisterDealershipAsync();
        await SubscribeAsync(new { dealerships = new[] { traffic.Dealership } });

        await TopUpsAsync(traffic, 6);

        var expected = await FeedOfAsync(traffic.Dealership, 6);
        var received = await ReceivedAsync(traffic.Dealership, 6);
        received.Select(d => d.NotificationId).Should().Equal(expected.Select(n => n["id"]!.GetValue<string>()), "each once, in the feed's order");
        received.Should().OnlyContain(d => d.SignatureValid && d.Id == d.NotificationId);
    }

    [Fact]
    public async Task Types_and_states_narrow_what_a_subscription_sends()
    {
        var goa = new Traffic(_admin, "hook-scope-goa");
        var karnataka = new Traffic(_admin, "hook-scope-ka");
        await goa.RegisterDealershipAsync("GA");
        await karnataka.RegisterDealershipAsync();
        var created = await SubscribeAsync(new { states = new[] { "GA" }, types = new[] { "budget.top-up" } });

        await TopUpsAsync(karnataka, 2);
        await TopUpsAsync(goa, 2);

        var received = await ReceivedAsync(goa.Dealership, 2);
        await WaitCursorPastAsync(created, (await FeedOfAsync(karnataka.Dealership, 2))[^1]);
        _receiver.Accepted.Should().OnlyContain(d => d.DealershipId == goa.Dealership && d.Notification["type"]!.GetValue<string>() == "budget.top-up");
        received.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_receiver_that_was_down_gets_the_backlog_in_order_once_it_is_back_and_the_failures_are_listed()
    {
        var traffic = new Traffic(_admin, "hook-down");
        await traffic.RegisterDealershipAsync();
        _receiver.Down = true;
        var id = await SubscribeAsync(new { dealerships = new[] { traffic.Dealership } });

        await TopUpsAsync(traffic, 3);
        var failing = await Eventually.HoldsAsync(() => _admin.GetObjectAsync($"/api/v1/webhooks/{id}"), w => w["consecutiveFailures"]!.GetValue<int>() >= 3, Patience);
        failing["nextAttemptAt"].Should().NotBeNull("a failing receiver waits before the next try");
        _receiver.Down = false;

        var expected = await FeedOfAsync(traffic.Dealership, 3);
        var received = await ReceivedAsync(traffic.Dealership, 3);
        received.Select(d => d.NotificationId).Should().Equal(expected.Select(n => n["id"]!.GetValue<string>()));
        _receiver.All.Where(d => !d.Accepted).Should().OnlyContain(d => d.NotificationId == expected[0]["id"]!.GetValue<string>(),
            "nothing is sent past a notification that was not taken");

        var deliveries = await DeliveriesAsync(id, d => d.Any(x => x["delivered"]!.GetValue<bool>() && x["notificationId"]!.GetValue<string>() == received[^1].NotificationId));
        deliveries.Where(d => !d["delivered"]!.GetValue<bool>()).Should().OnlyContain(d => d["statusCode"]!.GetValue<int>() == 503).And.HaveCountGreaterThanOrEqualTo(3);
        deliveries.Count(d => d["delivered"]!.GetValue<bool>()).Should().Be(3);
    }

    [Fact]
    public async Task A_slow_receiver_never_slows_another_subscription()
    {
        var traffic = new Traffic(_admin, "hook-slow");
        await traffic.RegisterDealershipAsync();
        using var slow = new WebhookReceiver { Stall = TimeSpan.FromSeconds(8) };
        await SubscribeAsync(new { dealerships = new[] { traffic.Dealership } }, slow);
        await SubscribeAsync(new { dealerships = new[] { traffic.Dealership } });

        await TopUpsAsync(traffic, 3);

        (await ReceivedAsync(traffic.Dealership, 3)).Should().OnlyContain(d => d.SignatureValid);
        slow.All.Count.Should().BeLessThan(3, "the slow receiver takes 8 s a delivery, one at a time, while the other has had all three");
    }

    [Fact]
    public async Task A_paused_subscription_sends_nothing_and_sends_what_it_missed_when_resumed()
    {
        var traffic = new Traffic(_admin, "hook-pause");
        await traffic.RegisterDealershipAsync();
        var id = await SubscribeAsync(new { dealerships = new[] { traffic.Dealership } });
        (await PostAsync($"/api/v1/webhooks/{id}/pause", null))["paused"]!.GetValue<bool>().Should().BeTrue();

        await TopUpsAsync(traffic, 2);
        await FeedOfAsync(traffic.Dealership, 2);
        // Ten of its polls at least: had it been sending, the receiver would have had them.
        await Task.Delay(TimeSpan.FromSeconds(1));
        _receiver.All.Should().BeEmpty();

        (await PostAsync($"/api/v1/webhooks/{id}/resume", null))["paused"]!.GetValue<bool>().Should().BeFalse();
        (await ReceivedAsync(traffic.Dealership, 2)).Should().OnlyContain(d => d.SignatureValid);
    }

    [Fact]
    public async Task A_replay_sends_the_feed_after_a_position_again_with_the_same_ids()
    {
        var traffic = new Traffic(_admin, "hook-replay");
        await traffic.RegisterDealershipAsync();
        var id = await SubscribeAsync(new { dealerships = new[] { traffic.Dealership } });
        await TopUpsAsync(traffic, 3);
        var first = await ReceivedAsync(traffic.Dealership, 3);

        var replayed = await PostAsync($"/api/v1/webhooks/{id}/replay", new { after = first[0].Seq });
        replayed["cursor"]!.GetValue<long>().Should().Be(first[0].Seq);

        var all = await ReceivedAsync(traffic.Dealership, 5);
        all.Skip(3).Select(d => d.NotificationId).Should().Equal(first.Skip(1).Select(d => d.NotificationId), "the two after the position, again, in order");
    }

    [Fact]
    public async Task A_subscription_is_listed_without_its_secret_and_is_gone_once_deleted()
    {
        var id = await SubscribeAsync(new { types = new[] { "tier.upgraded" } });

        var listed = (await _admin.GetFromJsonAsync<JsonArray>("/api/v1/webhooks"))!.Select(w => w!.AsObject()).Single(w => w["webhookId"]!.GetValue<string>() == id);
        listed["url"]!.GetValue<string>().Should().Be(_receiver.Url);
        listed.ToJsonString().Should().NotContain(WebhookReceiver.Secret);
        listed["secretHint"]!.GetValue<string>().Should().EndWith(WebhookReceiver.Secret[^4..]);

        var deleted = await _admin.DeleteAsync($"/api/v1/webhooks/{id}");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deleted.Content.ReadFromJsonAsync<JsonObject>())!["webhookId"]!.GetValue<string>().Should().Be(id);
        (await _admin.GetAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _admin.GetFromJsonAsync<JsonArray>("/api/v1/webhooks"))!.Should().NotContain(w => w!["webhookId"]!.GetValue<string>() == id);
    }

    private async Task<string> SubscribeAsync(object scope, WebhookReceiver? receiver = null)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(scope))!.AsObject();
        body["url"] = (receiver ?? _receiver).Url;
        body["secret"] = WebhookReceiver.Secret;
        var response = await _admin.PostAsJsonAsync("/api/v1/webhooks", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        response.Headers.Location!.ToString().Should().Be($"/api/v1/webhooks/{created["webhookId"]}");
        return created["webhookId"]!.GetValue<string>();
    }

    private async Task<JsonObject> PostAsync(string path, object? body)
    {
        var response = body is null ? await _admin.PostAsync(path, null) : await _admin.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Raises <paramref name="count"/> budget.top-up notifications for the dealership: one point minted, and topped up, for each.</summary>
    private async Task TopUpsAsync(Traffic traffic, int count)
    {
        (await _admin.PostAsJsonAsync("/api/v1/pool/mint", new { points = count, reason = "webhook test", idempotencyKey = $"mint-{traffic.Dealership}" })).EnsureSuccessStatusCode();
        for (var i = 0; i < count; i++)
        {
            (await _admin.PostAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = 1, reason = "webhook test", idempotencyKey = $"top-up-{traffic.Dealership}-{i}" }))
                .EnsureSuccessStatusCode();
        }
    }

    private async Task<List<JsonObject>> FeedOfAsync(string dealershipId, int count) =>
        (await Eventually.HoldsAsync(() => _admin.NotificationFeedAsync(), f => f.Count(n => Of(n, dealershipId)) >= count, Patience)).Where(n => Of(n, dealershipId)).ToList();

    private async Task<IReadOnlyList<ReceivedDelivery>> ReceivedAsync(string dealershipId, int count)
    {
        var received = await Eventually.HoldsAsync(
            () => Task.FromResult(_receiver.Accepted.Where(d => d.DealershipId == dealershipId).ToList()), r => r.Count >= count, Patience);
        received.Should().HaveCount(count);
        return received;
    }

    private async Task<List<JsonObject>> DeliveriesAsync(string id, Func<List<JsonObject>, bool> condition) =>
        await Eventually.HoldsAsync(
            async () => (await _admin.GetFromJsonAsync<JsonArray>($"/api/v1/webhooks/{id}/deliveries"))!.Select(d => d!.AsObject()).ToList(), condition, Patience);

    private async Task WaitCursorPastAsync(string id, JsonObject notification) =>
        await Eventually.HoldsAsync(() => _admin.GetObjectAsync($"/api/v1/webhooks/{id}"), w => w["cursor"]!.GetValue<long>() >= notification["seq"]!.GetValue<long>(), Patience);

    private static bool Of(JsonObject notification, string dealershipId) => notification["dealershipId"]?.GetValue<string>() == dealershipId;
}
