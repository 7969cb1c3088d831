using System.Net.Http.Json;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// Funds the network before a load: points minted into the brand pool and, for a recovery month,
/// every dealership's auto top-up policy (api.md, budgets). Budgets start empty and top themselves
/// up from the pool, so an unfunded pool would leave every award pending — not the network a brand
/// runs, and a budget whose queue of pending awards grows with every event.
/// </summary>
public sealed class EngineBudgets(HttpClient http, ServiceNetwork network, int parallelism)
{
    /// <summary>The most points the API takes in one mint.</summary>
    public const long MaxMint = 1_000_000_000;

    /// <summary>Mints <paramref name="points"/> in calls of at most <see cref="MaxMint"/>, each with its own idempotency key.</summary>
    public async Task MintAsync(long points, string runId, CancellationToken cancellation)
    {
        for (var (left, call) = (points, 1); left > 0; call++)
        {
            var chunk = Math.Min(left, MaxMint);
            var body = new { points = chunk, reason = "benchmark funding", idempotencyKey = $"{runId}-mint-{call}" };
            using var response = await http.PostAsJsonAsync(new Uri("api/v1/pool/mint", UriKind.Relative), body, cancellation);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/v1/pool/mint: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
            }

            left -= chunk;
        }
    }

    /// <summary>Sets the same auto top-up policy on every dealership (they must be registered).</summary>
    public Task SetPolicyAsync(long threshold, long amount, long monthlyCap, CancellationToken cancellation) =>
        Parallel.ForEachAsync(network.Dealerships, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation }, async (d, ct) =>
        {
            var body = new { threshold, amount, monthlyCap };
            using var response = await http.PutAsJsonAsync(new Uri($"api/v1/dealerships/{d.Id}/budget/policy", UriKind.Relative), body, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"PUT budget policy of {d.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
}
