using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;
using Xunit.Abstractions;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// Nothing acknowledged is lost, nothing is applied twice, no point is created or lost: two silos
/// and the API on PostgreSQL take 20,000 events, whose awards run the dealership's budget dry
/// (auto top-ups up to the monthly cap, then pending awards), while one silo is killed with SIGKILL
/// and restarted.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CrashTests(PostgresServer server, ITestOutputHelper output)
{
    private const int Events = 20_000;
    private const int BatchSize = 100;
    private const int Customers = 400;
    private const int Senders = 4;
    // The traffic's awards come to about 19,000,000 (954 a visit): the last sixth of them wait as
    // pending. With 3,000,000 minted, five in six did, and the budget's state (which holds its
    // pending awards) grew past 5 MB, rewritten on every settle round: on a slower day the apply
    // outlasted the wait below (2026-12-02). See docs/decisions.md, "Known limits and open questions".
    private const long Minted = 16_000_000;
    private const long AdminTopUp = 14_000_000;

    [Fact]
    public async Task Every_acknowledged_event_is_applied_exactly_once_when_a_silo_is_killed_mid_traffic()
    {
        var database = await server.CreateDatabaseAsync("crash");
        await using var engine = new PostgresEngine(database, silos: 2);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "crash");
        await traffic.RegisterDealershipAsync();
        // The default policy then adds four auto top-ups of 500,000 (its monthly cap): the budget
        // receives everything minted, less than the traffic's awards.
        (await engine.Http.PostAsJsonAsync("/api/v1/pool/mint", new { points = Minted, reason = "crash test", idempotencyKey = "crash-mint" })).EnsureSuccessStatusCode();
        (await engine.Http.PostAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = AdminTopUp, reason = "crash test", idempotencyKey = "crash-top-up" }))
            .EnsureSuccessStatusCode();
        var batches = Enumerable.Range(0, Events / BatchSize)
            .Select(b => Enumerable.Range(b * BatchSize, BatchSize).Select(i => (JsonNode)traffic.VisitCompleted($"crash-{i}", customer: i % Customers)).ToArray())
            .ToList();

        var acknowledged = new ConcurrentBag<int>();
        var queue = new ConcurrentQueue<(int Index, JsonNode[] Batch)>(batches.Select((b, i) => (i, b)));
        var senders = Enumerable.Range(0, Senders).Select(_ => CrashChecks.SendAllAsync(traffic, queue, acknowledged)).ToList();

        // Kill a silo once a quarter of the batches are in, restart it shortly after.
        await engine.HoldsAsync(() => Task.FromResult(acknowledged.Count), n => n >= batches.Count / 4, TimeSpan.FromSeconds(120));
        engine.KillSilo(1);
        output.WriteLine($"silo 1 killed after {acknowledged.Count} batches");
        await Task.Delay(TimeSpan.FromSeconds(2));
        engine.StartSilo(1);
        var retries = (await Task.WhenAll(senders)).Sum();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine($"all {batches.Count} batches acknowledged; {retries} retried sends");

        // Every visit was acknowledged once (retries of a batch whose answer was lost report duplicates).
        // While the cluster recovers a read may answer 503 (Retry-After): keep asking, as a client would.
        var dealership = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/dealerships/{traffic.Dealership}"),
            d => d["eventsApplied"]?.GetValue<long>() >= Events || stopwatch.Elapsed > TimeSpan.FromSeconds(180),
            TimeSpan.FromSeconds(200));
        output.WriteLine($"applied after {stopwatch.Elapsed}");
        dealership!["eventsApplied"]!.GetValue<long>().Should().Be(Events, engine.Logs);

        var members = new List<JsonObject>();
        for (var c = 0; c < Customers; c++)
        {
            var customer = await CrashChecks.ReadWhenAppliedAsync(engine, $"/api/v1/customers/{traffic.Customer(c)}", Events / Customers);
            // Funded or still waiting, every award is there exactly once.
            var balance = customer["balance"]!;
            (balance["available"]!.GetValue<long>() + balance["pending"]!.GetValue<long>())
                .Should().Be(500L * (Events / Customers), $"customer {c} had {Events / Customers} visits");
            members.Add(customer);
        }

        var technician = await CrashChecks.ReadWhenAppliedAsync(engine, $"/api/v1/staff/{traffic.Staff("T", 1)}", Events);
        technician["kpiPoints"]!.GetValue<long>().Should().Be(192L * Events);
        // Boards hear of a score while the staff member's write is still on its way; whatever the
        // kill interrupted, they end on the score the member itself holds.
        var score = technician["score"]!.GetValue<long>();
        foreach (var scope in new[] { $"dealership:{traffic.Dealership}", "national" })
        {
            // Fails with the board last read if it never shows the member's score.
            await engine.HoldsAsync(
                () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/leaderboards/technician?scope={scope}&around={traffic.Staff("T", 1)}&radius=0"),
                b => b["entries"]?.AsArray().FirstOrDefault()?["score"]?.GetValue<long>() == score,
                TimeSpan.FromSeconds(30));
        }

        foreach (var staff in new[] { traffic.Staff("T", 1), traffic.Staff("T", 2), traffic.Staff("A") })
        {
            members.Add(await CrashChecks.ReadWhenAppliedAsync(engine, $"/api/v1/staff/{staff}", Events));
        }

        output.WriteLine(string.Join(Environment.NewLine, members.Skip(Customers).Select(m => m.ToJsonString())));
        await CrashChecks.CheckThePointsBalanceAsync(engine, traffic, members, Minted);

        // Re-sending any acknowledged event is reported duplicate and changes nothing.
        await CrashChecks.ResentBatchesAreDuplicatesAsync(traffic, batches);
    }
}
