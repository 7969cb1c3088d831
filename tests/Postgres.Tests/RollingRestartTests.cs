using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;
using Xunit.Abstractions;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// The cluster operated under load (issue 23, item 5): two silos and two API nodes behind HAProxy
/// (scripts/balancer.sh) take a steady load while each silo and each API node is restarted in turn
/// with SIGTERM, then one silo is killed (SIGKILL) and started again. Every event acknowledged is
/// applied exactly once, the audit balances, no request gets another answer than 202 but the 503s
/// and closed connections of a restart (which the client retries, same event ids), and the
/// leaderboard is fresh (an acknowledged score shown within 1 s) again within 30 s of each restart.
/// An API node stopped with requests in flight answers every one of them before it exits.
/// </summary>
[Collection(PostgresCollection.Name)]
public class RollingRestartTests(PostgresServer server, ITestOutputHelper output)
{
    // About 40 % of what the same cluster (2 silos, 2 API nodes, HAProxy) applied at full speed on
    // the 2-core test machine: 4,500–5,300 events/s with the ingestion benchmark's driver
    // (docs/decisions.md, "Operations").
    private const int EventsPerSecond = 2_000;
    private const int BatchSize = 50;
    private const int Senders = 8;
    private const int Dealerships = 20;
    // As many customers per dealership as events per batch: a batch visits each of them once.
    private const int CustomersPerDealership = BatchSize;
    private const long FundingPerDealership = 200_000_000;
    private static readonly TimeSpan FreshnessBound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FreshAgainWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    // Requests in flight on an API node as it gets SIGTERM: large enough that applying them outlasts
    // the moment the node is signalled.
    private const int DrainBatches = 4;
    private const int DrainBatchSize = 200;

    [Fact]
    public async Task Restarting_each_node_in_turn_under_load_loses_nothing_and_the_league_is_fresh_again_within_30_s()
    {
        var database = await server.CreateDatabaseAsync("rolling");
        await using var engine = new PostgresEngine(database, silos: 2, apis: 2);
        await engine.StartAsync();
        await using var balancer = await Balancer.StartAsync(engine.ApiAddresses);
        using var http = new HttpClient { BaseAddress = balancer.Address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", engine.Http.DefaultRequestHeaders.GetValues("X-Api-Key").Single());

        var traffic = Enumerable.Range(0, Dealerships).Select(d => new Traffic(http, $"roll{d}")).ToList();
        var probe = new Traffic(http, "rollprobe");
        var drain = new Traffic(http, "rolldrain");
        foreach (var dealership in traffic.Append(probe).Append(drain))
        {
            await dealership.RegisterDealershipAsync();
            await dealership.FundBudgetAsync(FundingPerDealership);
        }

        var load = new Load(traffic);
        using var stopLoad = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(_ => load.SendAsync(stopLoad.Token)).ToList();
        var clock = Stopwatch.StartNew();
        var freshness = new Freshness(http, probe, clock);
        using var stopProbe = new CancellationTokenSource();
        var probing = freshness.ProbeAsync(stopProbe.Token);

        await FreshAsync("before any restart", clock.Elapsed);
        for (var silo = 0; silo < 2; silo++)
        {
            var stopped = await GenerationAsync(silo);
            await engine.StopSiloAsync(silo, StopTimeout);
            engine.StartSilo(silo);
            await SiloActiveAsync(silo, stopped);
            await FreshAsync($"silo {silo} restarted (SIGTERM)", clock.Elapsed);
        }

        for (var api = 0; api < 2; api++)
        {
            await StopApiDrainingAsync(api);
            await engine.RestartApiAsync(api);
            await FreshAsync($"API node {api} restarted (SIGTERM)", clock.Elapsed);
        }

        var killed = await GenerationAsync(0);
        engine.KillSilo(0);
        engine.StartSilo(0);
        await SiloActiveAsync(0, killed);
        await FreshAsync("silo 0 killed (SIGKILL) and started again", clock.Elapsed);

        await stopLoad.CancelAsync();
        await Task.WhenAll(senders);
        await stopProbe.CancelAsync();
        await probing;
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(
            $"{load.Batches * BatchSize:N0} events in {seconds:N0} s = {load.Batches * BatchSize / seconds:N0} events/s acknowledged; " +
            $"retried: {load.Retried503} answers 503, {load.RetriedClosed} closed or refused connections");
        load.Unexpected.Should().BeEmpty("a request may only be answered 202, or 503 or a closed connection during a restart (then retried)");

        await CheckExactlyOnceAsync(
            http,
            engine,
            [
                .. traffic.Select((dealership, d) => (dealership, (long)load.BatchesOf(d) * BatchSize, (long)load.BatchesOf(d))),
                // Each drain batch visits every customer DrainBatchSize / CustomersPerDealership times.
                (drain, 2L * DrainBatches * DrainBatchSize, 2L * DrainBatches * DrainBatchSize / CustomersPerDealership),
            ]);
        var again = await (await traffic[0].PostAsync(Load.Batch(traffic[0], 0))).Content.ReadFromJsonAsync<JsonObject>();
        again!["duplicates"]!.GetValue<int>().Should().Be(BatchSize);

        // SIGTERM to an API node with requests in flight on it, sent to the node itself (the balancer
        // would send one cut short to the other node): each waits for its events to be applied
        // (?wait=applied), and the signal goes once the node has published them all, so each is
        // past intake and still waiting. The node must answer every one, 202, before it exits.
        async Task StopApiDrainingAsync(int api)
        {
            var node = engine.ApiNodes[api];
            var inFlight = Enumerable.Range(0, DrainBatches).Select(async k =>
            {
                var batch = Enumerable.Range(0, DrainBatchSize)
                    .Select(e => (JsonNode)drain.VisitCompleted($"{drain.Dealership}-{api}-{k}-{e}", customer: e % CustomersPerDealership));
                try
                {
                    using var response = await node.PostAsJsonAsync("/api/v1/events?wait=applied", new JsonObject { ["events"] = new JsonArray([.. batch]) });
                    return (Answer: $"{(int)response.StatusCode}", At: clock.Elapsed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return (Answer: $"cut: {e.Message}", At: clock.Elapsed);
                }
            }).ToList();
            await PublishedAsync($"{drain.Dealership}-{api}-%", DrainBatches * DrainBatchSize);
            var signalled = clock.Elapsed;
            await engine.StopApiAsync(api, StopTimeout);
            var answers = await Task.WhenAll(inFlight);
            output.WriteLine(
                $"API node {api} stopped with requests in flight: answered {string.Join(", ", answers.Select(a => $"{a.Answer} {(a.At - signalled).TotalMilliseconds:N0} ms after the signal"))}");
            answers.Select(a => a.Answer).Should().AllBe("202", "a node stopped gracefully answers every request it took");
            answers.Should().Contain(a => a.At > signalled, "a request still waiting as the node was signalled shows the drain");
        }

        // Waits until the intake has published `count` events whose ids match `pattern`.
        async Task PublishedAsync(string pattern, int count)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await engine.HoldsAsync(
                async () =>
                {
                    await using var command = new NpgsqlCommand("SELECT count(*) FROM pitstop_event_key WHERE id LIKE @pattern AND published", connection);
                    command.Parameters.AddWithValue("pattern", pattern);
                    return (long)(await command.ExecuteScalarAsync())!;
                },
                published => published == count,
                TimeSpan.FromSeconds(60));
        }

        // Waits until the probe has shown a score acknowledged after `since` within the bound, at
        // most FreshAgainWithin after it; fails with every probe since.
        async Task FreshAsync(string after, TimeSpan since)
        {
            var deadline = since + FreshAgainWithin;
            while (clock.Elapsed < deadline)
            {
                if (freshness.Samples.Any(s => s.AcknowledgedAt >= since && s.Freshness < FreshnessBound))
                {
                    var first = freshness.Samples.First(s => s.AcknowledgedAt >= since && s.Freshness < FreshnessBound);
                    output.WriteLine($"{after}: fresh again {(first.AcknowledgedAt + first.Freshness - since).TotalSeconds:N1} s after the node was back");
                    return;
                }

                await Task.Delay(100);
            }

            var seen = string.Join(", ", freshness.Samples.Where(s => s.AcknowledgedAt >= since).Select(s => $"{s.Freshness.TotalMilliseconds:N0} ms"));
            throw new Xunit.Sdk.XunitException(
                $"{after}: the leaderboard did not show an acknowledged score within {FreshnessBound.TotalSeconds} s again within {FreshAgainWithin.TotalSeconds} s " +
                $"(probes since, acknowledgement to board: {(seen.Length == 0 ? "none answered" : seen)}).\n{engine.Logs}");
        }

        // A silo is back once the cluster's membership lists an incarnation newer than `stopped` as
        // active (a killed one stays listed as active until it is declared dead).
        async Task SiloActiveAsync(int silo, int stopped)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await engine.HoldsAsync(
                async () =>
                {
                    await using var command = new NpgsqlCommand(
                        "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND port = @port AND generation > @stopped AND status = 3",
                        connection);
                    command.Parameters.AddWithValue("cluster", engine.ClusterId);
                    command.Parameters.AddWithValue("port", engine.SiloPort(silo));
                    command.Parameters.AddWithValue("stopped", stopped);
                    return (long)(await command.ExecuteScalarAsync())!;
                },
                active => active == 1,
                TimeSpan.FromSeconds(120));
        }

        // The generation of a silo's current incarnation.
        async Task<int> GenerationAsync(int silo)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT max(generation) FROM orleansmembershiptable WHERE deploymentid = @cluster AND port = @port", connection);
            command.Parameters.AddWithValue("cluster", engine.ClusterId);
            command.Parameters.AddWithValue("port", engine.SiloPort(silo));
            return (int)(await command.ExecuteScalarAsync())!;
        }
    }

    /// <summary>
    /// Every acknowledged event applied once: each dealership counts its events, each customer
    /// holds the points of its visits (<see cref="VisitPoints"/>), each technician 192 KPI points an
    /// event, the audit balances.
    /// </summary>
    private async Task CheckExactlyOnceAsync(
        HttpClient http, PostgresEngine engine, IReadOnlyList<(Traffic Dealership, long Events, long VisitsPerCustomer)> sent)
    {
        var applying = Stopwatch.StartNew();
        foreach (var (traffic, events, visits) in sent)
        {
            var dealership = await engine.HoldsAsync(
                () => http.GetObjectOrEmptyAsync($"/api/v1/dealerships/{traffic.Dealership}"),
                v => v["eventsApplied"]?.GetValue<long>() >= events,
                TimeSpan.FromSeconds(180));
            dealership["eventsApplied"]!.GetValue<long>().Should().Be(events, $"{traffic.Dealership} was sent {events} events");
            for (var c = 0; c < CustomersPerDealership; c++)
            {
                var customer = await engine.HoldsAsync(
                    () => http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer(c)}"),
                    v => v["eventsApplied"]?.GetValue<long>() >= visits,
                    TimeSpan.FromSeconds(60));
                var balance = customer["balance"]!;
                (balance["available"]!.GetValue<long>() + balance["pending"]!.GetValue<long>())
                    .Should().Be(VisitPoints(visits), $"customer {c} of {traffic.Dealership} had {visits} visits");
            }

            var technician = await engine.HoldsAsync(
                () => http.GetObjectOrEmptyAsync($"/api/v1/staff/{traffic.Staff("T", 1)}"),
                v => v["eventsApplied"]?.GetValue<long>() >= events,
                TimeSpan.FromSeconds(60));
            technician["kpiPoints"]!.GetValue<long>().Should().Be(192L * events);
        }

        output.WriteLine($"all applied and checked {applying.Elapsed.TotalSeconds:N1} s after the load stopped");
        var audit = await engine.HoldsAsync(
            () => http.GetFromJsonAsync<JsonObject>("/api/v1/admin/audit")!,
            a => a!["balanced"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60));
        audit!["journalMatchesGrains"]!.GetValue<bool>().Should().BeTrue();
    }

    /// <summary>
    /// What a customer holds after <paramref name="visits"/> scheduled visits: 500 points each times
    /// the tier multiplier (program.md), and the tier goes up at once, Gold (×1.25) from 50,000
    /// points earned, Platinum (×1.5) from 150,000. A visit applied twice would add one more share.
    /// </summary>
    private static long VisitPoints(long visits)
    {
        var points = 0L;
        for (var v = 0; v < visits; v++)
        {
            points += points >= 150_000 ? 750 : points >= 50_000 ? 625 : 500;
        }

        return points;
    }

    /// <summary>
    /// The steady load: senders that each send a batch every <c>Senders * BatchSize / EventsPerSecond</c>
    /// (catching up after a slow answer), batch b going to dealership b mod 20, each retried until
    /// it is answered 202 — after a 503 or a lost connection as any client would, after anything
    /// else too (so the checks can run), but that is noted as unexpected.
    /// </summary>
    private sealed class Load(List<Traffic> traffic)
    {
        private static readonly TimeSpan Period = TimeSpan.FromSeconds((double)Senders * BatchSize / EventsPerSecond);
        private readonly int[] _batchesOf = new int[Dealerships];
        private int _next = -1;
        private int _batches;
        private int _retried503;
        private int _retriedClosed;

        public ConcurrentQueue<string> Unexpected { get; } = new();

        public int Batches => _batches;

        public int Retried503 => _retried503;

        public int RetriedClosed => _retriedClosed;

        public int BatchesOf(int dealership) => _batchesOf[dealership];

        /// <summary>The k-th batch of a dealership: one visit of each of its customers.</summary>
        public static JsonNode[] Batch(Traffic dealership, int k) =>
            [.. Enumerable.Range(0, BatchSize).Select(c => (JsonNode)dealership.VisitCompleted($"{dealership.Dealership}-{k}-{c}", customer: c))];

        public async Task SendAsync(CancellationToken stop)
        {
            var due = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                var b = Interlocked.Increment(ref _next);
                var d = b % Dealerships;
                await SendUntilAcknowledgedAsync(traffic[d], Batch(traffic[d], b / Dealerships));
                Interlocked.Increment(ref _batchesOf[d]);
                Interlocked.Increment(ref _batches);
                due += (long)(Period.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        // The load ends; every batch taken was acknowledged.
                    }
                }
            }
        }

        private async Task SendUntilAcknowledgedAsync(Traffic dealership, JsonNode[] batch)
        {
            while (true)
            {
                try
                {
                    using var response = await dealership.PostAsync([.. batch.Select(e => e.DeepClone())]);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
                        if (answer!["rejected"]!.AsArray().Count > 0)
                        {
                            Unexpected.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} rejected: {answer.ToJsonString()}");
                        }

                        return;
                    }

                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref _retried503);
                    }
                    else
                    {
                        Unexpected.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException)
                {
                    // Refused or closed by a stopping node (HAProxy sends it on when it can): the
                    // outcome is unknown, so the same batch goes again.
                    Interlocked.Increment(ref _retriedClosed);
                }
                catch (TaskCanceledException e)
                {
                    Unexpected.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} no answer: {e.Message}");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// The leaderboard's freshness, probed through the balancer: one visit at a time for the probe
    /// dealership's technician, timed from its 202 until the dealership board shows the
    /// technician's new score.
    /// </summary>
    private sealed class Freshness(HttpClient http, Traffic probe, Stopwatch clock)
    {
        private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);
        private readonly ConcurrentQueue<(TimeSpan AcknowledgedAt, TimeSpan Freshness)> _samples = new();

        public IEnumerable<(TimeSpan AcknowledgedAt, TimeSpan Freshness)> Samples => _samples;

        public async Task ProbeAsync(CancellationToken stop)
        {
            var shown = 0L;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    using var response = await probe.PostAsync(probe.VisitCompleted($"probe-{n}"));
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        await Task.Delay(200, stop);
                        continue;
                    }

                    var acknowledgedAt = clock.Elapsed;
                    while (clock.Elapsed - acknowledgedAt < GiveUp)
                    {
                        var score = await ScoreAsync();
                        if (score > shown)
                        {
                            shown = score;
                            _samples.Enqueue((acknowledgedAt, clock.Elapsed - acknowledgedAt));
                            break;
                        }

                        await Task.Delay(20, stop);
                    }

                    await Task.Delay(200, stop);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    // A restart in progress, or the end of the test: the next probe tells.
                }
            }
        }

        private async Task<long> ScoreAsync()
        {
            try
            {
                var board = await http.GetObjectOrEmptyAsync(
                    $"/api/v1/leaderboards/technician?scope=dealership:{probe.Dealership}&around={probe.Staff("T", 1)}&radius=0");
                return board["entries"]?.AsArray().FirstOrDefault()?["score"]?.GetValue<long>() ?? 0;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }
    }
}
