using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;
using Xunit.Abstractions;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// The API node is killed (SIGKILL) while batches are being accepted: every event it answered 202
/// for is applied once, and an event it never answered for is either wholly accepted (its key and
/// its queue row committed, so it is applied) or not at all — never a key without its event.
/// </summary>
[Collection(PostgresCollection.Name)]
public class IntakeCrashTests(PostgresServer server, ITestOutputHelper output)
{
    private const int Batches = 120;
    private const int BatchSize = 50;
    // 30 visits each at most: a customer's points per visit stay 500 (no tier above the first).
    private const int Customers = 200;
    private const int Senders = 4;

    [Fact]
    public async Task Every_acknowledged_event_is_applied_once_and_none_is_half_accepted_when_the_API_is_killed_mid_intake()
    {
        var database = await server.CreateDatabaseAsync("apikill");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "apikill");
        await traffic.RegisterDealershipAsync();
        var batches = Enumerable.Range(0, Batches)
            .Select(b => Enumerable.Range(b * BatchSize, BatchSize).Select(i => (Id: $"apikill-{i}", Customer: i % Customers)).ToList())
            .ToList();

        var acknowledged = new ConcurrentBag<string>();
        var queue = new ConcurrentQueue<List<(string Id, int Customer)>>(batches);
        var senders = Enumerable.Range(0, Senders).Select(_ => SendUntilFailureAsync(traffic, queue, acknowledged)).ToList();
        await engine.HoldsAsync(() => Task.FromResult(acknowledged.Count), n => n >= Batches / 4 * BatchSize, TimeSpan.FromSeconds(120));
        engine.KillApi(0);
        await Task.WhenAll(senders);
        output.WriteLine($"API killed after {acknowledged.Count} events acknowledged");
        await engine.RestartApiAsync(0);

        var stored = await StoredKeysAsync(database);
        stored.Should().Contain(acknowledged, "an acknowledged event was stored before its answer");
        output.WriteLine($"{stored.Count} stored, {stored.Count - acknowledged.Count} of them never acknowledged");
        // Every stored key's event was queued with it: all of them are applied, each once.
        await ExpectAppliedAsync(engine, traffic, stored);

        // The client sends again what it has no answer for: the rest is accepted, nothing twice.
        var resent = 0;
        foreach (var batch in batches.Where(b => b.Any(e => !acknowledged.Contains(e.Id))))
        {
            using var response = await traffic.PostAsync([.. batch.Select(e => traffic.CustomerOnlyVisit(e.Id, e.Customer))]);
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            resent += batch.Count;
        }

        output.WriteLine($"{resent} events sent again");
        await ExpectAppliedAsync(engine, traffic, [.. batches.SelectMany(b => b.Select(e => e.Id))]);
    }

    /// <summary>The dealership applied exactly these events, and each customer holds 500 points for each of its own.</summary>
    private static async Task ExpectAppliedAsync(PostgresEngine engine, Traffic traffic, HashSet<string> ids)
    {
        var dealership = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/dealerships/{traffic.Dealership}"),
            d => d["eventsApplied"]?.GetValue<long>() >= ids.Count,
            TimeSpan.FromSeconds(120));
        dealership["eventsApplied"]!.GetValue<long>().Should().Be(ids.Count, engine.Logs);
        var visits = ids.GroupBy(id => int.Parse(id["apikill-".Length..], System.Globalization.CultureInfo.InvariantCulture) % Customers)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var (customer, count) in visits)
        {
            var member = await engine.HoldsAsync(
                () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer(customer)}"),
                c => c["eventsApplied"]?.GetValue<long>() >= count,
                TimeSpan.FromSeconds(60));
            var balance = member["balance"]!;
            (balance["available"]!.GetValue<long>() + balance["pending"]!.GetValue<long>()).Should().Be(500L * count, $"customer {customer} had {count} visits");
        }
    }

    private static async Task<HashSet<string>> StoredKeysAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT id FROM pitstop_event_key WHERE id LIKE 'apikill-%'");
        var ids = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Sends batches until one fails (the API is gone): that batch's outcome is unknown, and it is not retried here.</summary>
    private static async Task SendUntilFailureAsync(Traffic traffic, ConcurrentQueue<List<(string Id, int Customer)>> queue, ConcurrentBag<string> acknowledged)
    {
        while (queue.TryDequeue(out var batch))
        {
            try
            {
                using var response = await traffic.PostAsync([.. batch.Select(e => traffic.CustomerOnlyVisit(e.Id, e.Customer))]);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return;
                }

                batch.ForEach(e => acknowledged.Add(e.Id));
            }
            catch (HttpRequestException)
            {
                return;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }
}
