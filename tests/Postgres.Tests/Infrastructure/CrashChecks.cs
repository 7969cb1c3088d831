using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests.Infrastructure;

/// <summary>What the crash tests do alike: send as a DMS would, and check that nothing acknowledged was lost or applied twice.</summary>
internal static class CrashChecks
{
    /// <summary>Sends batches until each is acknowledged (202), retrying a failed send as a DMS would; returns the retries.</summary>
    public static async Task<int> SendAllAsync(Traffic traffic, ConcurrentQueue<(int Index, JsonNode[] Batch)> queue, ConcurrentBag<int> acknowledged)
    {
        var retries = 0;
        while (queue.TryDequeue(out var next))
        {
            while (true)
            {
                try
                {
                    var response = await traffic.PostAsync(next.Batch.Select(e => e.DeepClone()).ToArray());
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
                        answer!["rejected"]!.AsArray().Should().BeEmpty();
                        acknowledged.Add(next.Index);
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Connection lost mid-request: the outcome is unknown, so send the batch again.
                }
                catch (TaskCanceledException)
                {
                    // Timed out: same as above.
                }

                retries++;
                await Task.Delay(200);
            }
        }

        return retries;
    }

    /// <summary>
    /// A member's share may still be retried after the dealership's (their budget call can wait on
    /// a grain of a killed silo): waits until the member has applied its events, then reads it.
    /// </summary>
    public static Task<JsonObject> ReadWhenAppliedAsync(PostgresEngine engine, string path, long events) =>
        engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync(path),
            v => v["eventsApplied"]?.GetValue<long>() >= events,
            TimeSpan.FromSeconds(120));

    /// <summary>
    /// Conservation after a crash: the budget spent everything minted on awards and owes the rest;
    /// the journal agrees with the pool and the budget; the wallets hold what the journal says.
    /// </summary>
    public static async Task CheckThePointsBalanceAsync(PostgresEngine engine, Traffic traffic, List<JsonObject> members, long minted)
    {
        static long Sum(IEnumerable<JsonObject> members, string field) =>
            members.Sum(m => (m["balance"] ?? m["wallet"])![field]!.GetValue<long>());

        var budget = (await engine.Http.GetFromJsonAsync<JsonObject>($"/api/v1/dealerships/{traffic.Dealership}/budget"))!;
        (budget["available"]!.GetValue<long>() + budget["awardedTotal"]!.GetValue<long>()).Should().Be(minted);
        (budget["awardedTotal"]!.GetValue<long>() + budget["pendingAwards"]!["points"]!.GetValue<long>())
            .Should().Be(Sum(members, "available") + Sum(members, "pending"), "every award was either funded or is owed, once");

        var audit = await engine.HoldsAsync(
            () => ReadAvailableAsync(engine, "/api/v1/admin/audit"),
            a => a["balanced"]?.GetValue<bool>() == true,
            TimeSpan.FromSeconds(60));
        audit!["journalMatchesGrains"]!.GetValue<bool>().Should().BeTrue();
        audit["minted"]!.GetValue<long>().Should().Be(minted);
        audit["walletsAvailable"]!.GetValue<long>().Should().Be(Sum(members, "available"), "the journal's wallets are the wallets");
    }

    /// <summary>
    /// Reads a route as a client would while the engine recovers: a 503 (Retry-After) reads as empty
    /// and is asked again; any other failure (a 500 above all) fails the test with the processes' logs.
    /// </summary>
    public static async Task<JsonObject> ReadAvailableAsync(PostgresEngine engine, string path)
    {
        using var response = await engine.Http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return new JsonObject();
        }

        response.IsSuccessStatusCode.Should().BeTrue($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{engine.Logs}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Re-sending acknowledged batches is reported duplicate in full and changes nothing.</summary>
    public static async Task ResentBatchesAreDuplicatesAsync(Traffic traffic, IReadOnlyList<JsonNode[]> batches)
    {
        foreach (var index in new[] { 0, batches.Count / 4, batches.Count / 2, batches.Count - 1 })
        {
            var answer = await (await traffic.PostAsync(batches[index])).Content.ReadFromJsonAsync<JsonObject>();
            answer!["duplicates"]!.GetValue<int>().Should().Be(batches[index].Length);
            answer["accepted"]!.GetValue<int>().Should().Be(0);
        }
    }
}
