using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;
using Xunit.Abstractions;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// A webhook subscription in the PostgreSQL mode, its cursor in PostgreSQL: a receiver on loopback
/// gets every notification of a run once per id (a repeat only ever of the same id), in feed order,
/// signed, while each silo and the API node that created it are killed with SIGKILL in the middle
/// of deliveries, and after being down for a while itself.
/// </summary>
[Collection(PostgresCollection.Name)]
public class WebhookCrashTests(PostgresServer server, ITestOutputHelper output)
{
    private const int TopUps = 40;

    [Fact]
    public async Task A_receiver_gets_every_notification_once_per_id_in_order_across_silo_and_api_kills()
    {
        var database = await server.CreateDatabaseAsync("webhooks");
        await using var engine = new PostgresEngine(database, silos: 2, apis: 2);
        foreach (var settings in new[] { engine.SiloSettings, engine.ApiSettings })
        {
            settings["Webhooks__AllowPrivateNetworks"] = "true";
            settings["Webhooks__PollInterval"] = "00:00:00.200";
        }

        await engine.StartAsync();
        using var receiver = new WebhookReceiver();
        var traffic = new Traffic(engine.Http, "pghook");
        await traffic.RegisterDealershipAsync();
        var creator = engine.ApiNodes[1];
        var created = await creator.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, secret = WebhookReceiver.Secret, dealerships = new[] { traffic.Dealership } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, engine.Logs);
        (await engine.Http.PostAsJsonAsync("/api/v1/pool/mint", new { points = TopUps, reason = "webhook crash test", idempotencyKey = "pghook-mint" })).EnsureSuccessStatusCode();

        // Silo 1 is killed among the first top-ups, and the deliveries go on.
        await TopUpsAsync(engine, traffic, 0, 5);
        engine.KillSilo(1);
        output.WriteLine($"silo 1 killed, {receiver.Accepted.Count} delivered");
        engine.StartSilo(1);
        await TopUpsAsync(engine, traffic, 5, 10);
        await engine.HoldsAsync(() => Task.FromResult(receiver.Accepted.Count), n => n >= 5, TimeSpan.FromSeconds(120));

        // The API node that created the subscription is killed while deliveries go on.
        engine.KillApi(1);
        output.WriteLine($"API node 1 killed, {receiver.Accepted.Count} delivered");
        await TopUpsAsync(engine, traffic, 10, 15);

        // The receiver is down for a while, and silo 0 is killed meanwhile.
        receiver.Down = true;
        await TopUpsAsync(engine, traffic, 15, 25);
        await engine.HoldsAsync(() => Task.FromResult(receiver.All.Count(d => !d.Accepted)), n => n >= 2, TimeSpan.FromSeconds(120));
        engine.KillSilo(0);
        output.WriteLine($"silo 0 killed, receiver down, {receiver.Accepted.Count} delivered");
        engine.StartSilo(0);
        await engine.RestartApiAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        receiver.Down = false;
        output.WriteLine($"receiver up, {receiver.Accepted.Count} delivered");
        await TopUpsAsync(engine, traffic, 25, TopUps);

        var feed = await engine.HoldsAsync(
            () => FeedOfAsync(engine.Http, traffic.Dealership), f => f.Count == TopUps, TimeSpan.FromSeconds(120));
        var expected = feed.Select(n => n["id"]!.GetValue<string>()).ToList();
        await engine.HoldsAsync(
            () => Task.FromResult(receiver.Accepted.Select(d => d.NotificationId).Distinct().Count()), n => n == TopUps, TimeSpan.FromSeconds(180));

        var accepted = receiver.Accepted;
        output.WriteLine($"{accepted.Count} deliveries taken for {TopUps} notifications; {receiver.All.Count - accepted.Count} refused while down");
        accepted.Select(d => d.NotificationId).Distinct().Should().Equal(expected, "each notification arrives, in feed order");
        accepted.Select(d => d.Seq).Should().BeInAscendingOrder("a repeat is only ever of the one in flight, never of an older one after a newer");
        accepted.Should().OnlyContain(d => d.SignatureValid && d.Id == d.NotificationId);
        receiver.All.Where(d => !d.Accepted).Should().NotBeEmpty("the receiver was down for a while during the run");
    }

    private static async Task TopUpsAsync(PostgresEngine engine, Traffic traffic, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            await TopUpAsync(engine, traffic, i);
        }
    }

    /// <summary>One top-up (one notification), retried while the cluster recovers from a kill, as a client would; its key makes a retry a no-op.</summary>
    private static async Task TopUpAsync(PostgresEngine engine, Traffic traffic, int i)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await engine.Http.PostAsJsonAsync(
                    $"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = 1, reason = "webhook crash test", idempotencyKey = $"pghook-{i}" });
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                // Connection lost mid-request: send it again.
            }
            catch (TaskCanceledException) when (attempt < 100)
            {
                // Timed out: the same.
            }

            attempt.Should().BeLessThan(100, engine.Logs);
            await Task.Delay(300);
        }
    }

    private static async Task<List<JsonObject>> FeedOfAsync(HttpClient http, string dealershipId)
    {
        try
        {
            return [.. (await http.NotificationFeedAsync()).Where(n => n["dealershipId"]?.GetValue<string>() == dealershipId)];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }
}
