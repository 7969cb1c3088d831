using System.Net;
using Pitstop.League.Load;
using Pitstop.League.Report;

namespace Pitstop.League;

/// <summary>
/// Rank and top-10 queries through the engine's HTTP API, with the load redis-benchmark puts on
/// Redis: C clients without pipelining, each asking about a member drawn at random. The engine must
/// be running at <c>api</c> and hold the board of <paramref name="role"/> at <paramref name="scope"/>
/// for the current month, seeded with <see cref="BoardMembers.StaffId"/> 0…members − 1 (the
/// <c>ids</c> command prints them). Sends the <c>PITSTOP_API_KEY</c> environment variable as
/// <c>X-Api-Key</c>, the credential lib.sh's start_engine makes.
/// </summary>
internal sealed class ApiRun(Uri api, int members, int clients, string role, string scope, TimeSpan warmup, TimeSpan duration, int seed, TextWriter log)
{
    public async Task<List<Figure>> RunAsync(CancellationToken cancellation)
    {
        using var client = CreateClient();
        var load = new HttpLoad(client, clients);
        var board = $"api/v1/leaderboards/{Uri.EscapeDataString(role)}?scope={Uri.EscapeDataString(scope)}";
        string Rank(Random random) => $"{board}&around={Uri.EscapeDataString(BoardMembers.StaffId(random.Next(members)))}&radius=0";
        string Top(Random _) => $"{board}&top=10";

        var figures = new List<Figure>();
        var rank = await MeasureAsync(load, "rank queries (around=, radius=0)", Rank, cancellation);
        figures.Add(new Figure(members, Figure.Api, "rank", rank.PerSecond));
        figures.Add(new Figure(members, Figure.Api, "rank-p50-ms", rank.Latency.P50));
        figures.Add(new Figure(members, Figure.Api, "rank-p99-ms", rank.Latency.P99));
        var top = await MeasureAsync(load, "top-10 queries (top=10)", Top, cancellation);
        figures.Add(new Figure(members, Figure.Api, "top10", top.PerSecond));
        figures.Add(new Figure(members, Figure.Api, "top10-p50-ms", top.Latency.P50));
        figures.Add(new Figure(members, Figure.Api, "top10-p99-ms", top.Latency.P99));
        figures.Add(new Figure(members, Figure.Api, "failed", rank.Failed + top.Failed));
        return figures;
    }

    private async Task<LoadResult> MeasureAsync(HttpLoad load, string what, Func<Random, string> nextPath, CancellationToken cancellation)
    {
        // The warm-up (JIT, connections, the grains' activation) counts for nothing, except its failures.
        var warm = await load.RunAsync(nextPath, warmup, seed, cancellation);
        var result = await load.RunAsync(nextPath, duration, seed + clients, cancellation);
        log.WriteLine($"  HTTP API {what}: {result.PerSecond:N0}/s, p50 {result.Latency.P50:0.00} ms, p99 {result.Latency.P99:0.00} ms, max {result.Latency.Max:0.00} ms; {result.Failed + warm.Failed} failed");
        if ((result.FirstError ?? warm.FirstError) is { } error)
        {
            log.WriteLine($"    first failure: {error}");
        }

        return result with { Failed = result.Failed + warm.Failed };
    }

    private HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var baseAddress = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/");
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable("PITSTOP_API_KEY") is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }
}
