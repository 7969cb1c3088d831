using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;
using Xunit.Abstractions;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// Nothing acknowledged is lost and nothing applied twice when the database itself dies: a silo and
/// the API on a PostgreSQL server of this test's own take traffic whose awards run the dealership's
/// budget dry, while the server — its postmaster and every backend — is killed with SIGKILL
/// mid-round and started again on the same data (crash recovery from its WAL).
/// </summary>
public sealed class DatabaseCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 8_000;
    private const int BatchSize = 100;
    private const int Customers = 200;
    private const int Senders = 4;
    // Awards come to about 7,600,000 (954 a visit); the budget receives what is minted (an admin
    // top-up and four auto top-ups of 500,000), so the last awards wait as pending.
    private const long Minted = 6_400_000;
    private const long AdminTopUp = 4_400_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("pitstop-pg-crash-").FullName;
    private string _server = "";

    public async Task InitializeAsync() => _server = (await PostgresScriptAsync("start")).Trim();

    public async Task DisposeAsync() => await PostgresScriptAsync("stop");

    [Fact]
    public async Task Every_acknowledged_event_is_applied_exactly_once_when_PostgreSQL_is_killed_mid_round()
    {
        await using var engine = new PostgresEngine(await CreateDatabaseAsync(), silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "dbcrash");
        await traffic.RegisterDealershipAsync();
        (await engine.Http.PostAsJsonAsync("/api/v1/pool/mint", new { points = Minted, reason = "database crash test", idempotencyKey = "dbcrash-mint" })).EnsureSuccessStatusCode();
        (await engine.Http.PostAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = AdminTopUp, reason = "database crash test", idempotencyKey = "dbcrash-top-up" }))
            .EnsureSuccessStatusCode();
        var batches = Enumerable.Range(0, Events / BatchSize)
            .Select(b => Enumerable.Range(b * BatchSize, BatchSize).Select(i => (JsonNode)traffic.VisitCompleted($"dbcrash-{i}", customer: i % Customers)).ToArray())
            .ToList();

        var acknowledged = new ConcurrentBag<int>();
        var queue = new ConcurrentQueue<(int Index, JsonNode[] Batch)>(batches.Select((b, i) => (i, b)));
        var senders = Enumerable.Range(0, Senders).Select(_ => CrashChecks.SendAllAsync(traffic, queue, acknowledged)).ToList();

        // Kill the database once a third of the batches are in: intake rounds, grain writes, queue
        // reads and journal appends are all in flight then. Restart it on the same data shortly after.
        await engine.HoldsAsync(() => Task.FromResult(acknowledged.Count), n => n >= batches.Count / 3, TimeSpan.FromSeconds(120));
        var killed = KillServer();
        output.WriteLine($"PostgreSQL killed ({killed} processes) after {acknowledged.Count} batches");
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await PostgresScriptAsync("start")).Trim().Should().Be(_server, "the server comes back on its port");
        var retries = (await Task.WhenAll(senders)).Sum();
        output.WriteLine($"all {batches.Count} batches acknowledged; {retries} retried sends");

        var dealership = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/dealerships/{traffic.Dealership}"),
            d => d["eventsApplied"]?.GetValue<long>() >= Events,
            TimeSpan.FromSeconds(180));
        dealership!["eventsApplied"]!.GetValue<long>().Should().Be(Events, engine.Logs);

        var members = new List<JsonObject>();
        for (var c = 0; c < Customers; c++)
        {
            var customer = await CrashChecks.ReadWhenAppliedAsync(engine, $"/api/v1/customers/{traffic.Customer(c)}", Events / Customers);
            var balance = customer["balance"]!;
            (balance["available"]!.GetValue<long>() + balance["pending"]!.GetValue<long>())
                .Should().Be(500L * (Events / Customers), $"customer {c} had {Events / Customers} visits, each earning once");
            members.Add(customer);
        }

        var technician = await CrashChecks.ReadWhenAppliedAsync(engine, $"/api/v1/staff/{traffic.Staff("T", 1)}", Events);
        technician["kpiPoints"]!.GetValue<long>().Should().Be(192L * Events);
        foreach (var staff in new[] { traffic.Staff("T", 1), traffic.Staff("T", 2), traffic.Staff("A") })
        {
            members.Add(await CrashChecks.ReadWhenAppliedAsync(engine, $"/api/v1/staff/{staff}", Events));
        }

        await CrashChecks.CheckThePointsBalanceAsync(engine, traffic, members, Minted);
        await CrashChecks.ResentBatchesAreDuplicatesAsync(traffic, batches);
    }

    /// <summary>SIGKILL to the postmaster and all its backends at once, as a machine losing the process would; answers how many.</summary>
    private int KillServer()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var backends = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == postmaster)
            .ToList();
        var victims = backends.Prepend(postmaster).ToList();
        foreach (var pid in victims)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Gone already (a backend that ended between the listing and the kill).
            }
        }

        return victims.Count;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task<string> CreateDatabaseAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("CREATE DATABASE dbcrash", connection);
        await command.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(_server) { Database = "dbcrash" }.ConnectionString;
    }

    private Task<string> PostgresScriptAsync(string verb) => PostgresServer.ScriptAsync(verb, _directory);
}
