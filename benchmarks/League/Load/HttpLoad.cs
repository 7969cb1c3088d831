using System.Diagnostics;

namespace Pitstop.League.Load;

/// <summary>
/// C clients, each with one GET in flight, sending the next as soon as the last is answered (a
/// closed loop, as redis-benchmark's <c>-c</c> clients without pipelining), for a fixed time.
/// Requests under way at the deadline are waited for and counted.
/// </summary>
internal sealed class HttpLoad(HttpClient client, int clients)
{
    /// <param name="nextPath">The next request's path and query, relative to the client's base address.</param>
    public async Task<LoadResult> RunAsync(Func<Random, string> nextPath, TimeSpan duration, int seed, CancellationToken cancellation)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // Task.Run: the clients run on the thread pool, not one after another on this thread.
        var runs = await Task.WhenAll(Enumerable.Range(0, clients)
            .Select(c => Task.Run(() => ClientAsync(nextPath, new Random(seed + c), deadline, cancellation), cancellation)));
        cancellation.ThrowIfCancellationRequested();

        var last = Math.Max(start, runs.Max(r => r.LastDone));
        List<double> latencies = [.. runs.SelectMany(r => r.Latencies).Select(t => t * 1000.0 / Stopwatch.Frequency)];
        return new LoadResult(
            Completed: latencies.Count,
            Failed: runs.Sum(r => r.Failed),
            Elapsed: Stopwatch.GetElapsedTime(start, last),
            Latency: LatencySummary.From(latencies),
            FirstError: runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null));
    }

    private async Task<ClientRun> ClientAsync(Func<Random, string> nextPath, Random random, long deadline, CancellationToken cancellation)
    {
        var run = new ClientRun();
        while (!cancellation.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
        {
            var path = nextPath(random);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                // The whole body is read before the clock stops (the default: ResponseContentRead).
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellation);
                var done = Stopwatch.GetTimestamp();
                run.LastDone = done;
                if (response.IsSuccessStatusCode)
                {
                    run.Latencies.Add(done - sent);
                }
                else
                {
                    run.Failed++;
                    run.FirstError ??= $"{(int)response.StatusCode} {response.ReasonPhrase} for {path}";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellation.IsCancellationRequested))
            {
                run.Failed++;
                run.FirstError ??= $"{ex.GetType().Name}: {ex.Message} for {path}";
            }
        }

        return run;
    }

    private sealed class ClientRun
    {
        public List<long> Latencies { get; } = new(16_384);

        public long Failed { get; set; }

        public long LastDone { get; set; }

        public string? FirstError { get; set; }
    }
}
