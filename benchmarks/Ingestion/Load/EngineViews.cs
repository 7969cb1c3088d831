using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>The engine's reference data and read side, as far as the benchmark needs them.</summary>
public sealed class EngineViews(HttpClient http, ServiceNetwork network, int parallelism)
{
    /// <summary>Registers (PUT) every dealership; retries each a few times, since a fresh cluster may still be warming up.</summary>
    public async Task RegisterAsync(CancellationToken cancellation)
    {
        await Parallel.ForEachAsync(network.Dealerships, Options(cancellation), async (d, ct) =>
        {
            var body = new { name = d.Name, city = d.City, state = d.State, region = d.Region };
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var response = await http.PutAsJsonAsync(new Uri($"api/v1/dealerships/{d.Id}", UriKind.Relative), body, ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    var text = await response.Content.ReadAsStringAsync(ct);
                    if (attempt >= 10 || (int)response.StatusCode is >= 400 and < 500)
                    {
                        throw new InvalidOperationException($"PUT dealership {d.Id}: {(int)response.StatusCode} {text}");
                    }
                }
                catch (HttpRequestException) when (attempt < 10)
                {
                }

                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
        });
    }

    /// <summary>The sum of <c>eventsApplied</c> over all dealerships, or null when a view could not be read.</summary>
    public async Task<long?> AppliedAsync(CancellationToken cancellation) =>
        await AppliedByDealershipAsync(cancellation) is { } applied ? applied.Values.Sum() : null;

    /// <summary><c>eventsApplied</c> of every dealership, or null when a view could not be read.</summary>
    public async Task<Dictionary<string, long>?> AppliedByDealershipAsync(CancellationToken cancellation)
    {
        var applied = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var failed = 0;
        await Parallel.ForEachAsync(network.Dealerships, Options(cancellation), async (d, ct) =>
        {
            if (await ReadAppliedAsync(d.Id, ct) is { } n)
            {
                applied[d.Id] = n;
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        });
        return failed == 0 ? new Dictionary<string, long>(applied, StringComparer.Ordinal) : null;
    }

    /// <summary>
    /// Polls the views of the dealerships in <paramref name="targets"/> (each with the count its
    /// view must reach) until every one has reached it, or their increments over
    /// <paramref name="before"/> add up to <paramref name="totalTarget"/>. A dealership that has
    /// reached its count is not asked again, and the time it was seen to reach it is kept: the
    /// answer's time is the latest of those, so it is as exact as one request, however long a
    /// round over all the views takes while the grains are busy.
    /// </summary>
    public async Task<ApplyWait> WaitForAppliedAsync(
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> targets, long totalTarget,
        Stopwatch clock, TimeSpan timeout, TimeSpan interval, Action<long, int> progress, CancellationToken cancellation)
    {
        var deadline = clock.Elapsed + timeout;
        var latest = new ConcurrentDictionary<string, long>(before.Where(b => targets.ContainsKey(b.Key)), StringComparer.Ordinal);
        var reachedAt = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var pending = targets.Keys.ToList();
        var lastReport = clock.Elapsed;
        long Increment() => latest.Sum(l => l.Value - before.GetValueOrDefault(l.Key));
        while (true)
        {
            await Parallel.ForEachAsync(pending, Options(cancellation), async (id, ct) =>
            {
                if (await ReadAppliedAsync(id, ct) is { } n)
                {
                    var seen = clock.Elapsed;
                    latest[id] = n;
                    if (n >= targets[id])
                    {
                        reachedAt[id] = seen;
                    }
                }
            });
            pending = pending.Where(id => !reachedAt.ContainsKey(id)).ToList();
            var increment = Increment();
            if (pending.Count == 0)
            {
                return new ApplyWait(true, increment, reachedAt.Values.DefaultIfEmpty(clock.Elapsed).Max());
            }

            if (increment >= totalTarget)
            {
                return new ApplyWait(true, increment, clock.Elapsed);
            }

            if (clock.Elapsed >= deadline)
            {
                return new ApplyWait(false, increment, clock.Elapsed);
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                progress(increment, pending.Count);
                lastReport = clock.Elapsed;
            }

            await Task.Delay(interval, cancellation);
        }
    }

    private async Task<long?> ReadAppliedAsync(string dealershipId, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"api/v1/dealerships/{dealershipId}", UriKind.Relative), ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return 0; // not registered (yet): nothing applied
            }

            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return document.RootElement.TryGetProperty("eventsApplied", out var applied) && applied.TryGetInt64(out var n) ? n : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private ParallelOptions Options(CancellationToken cancellation) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };

    public static string Format(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>The outcome of waiting for the engine to apply a load.</summary>
public sealed record ApplyWait(bool Reached, long Applied, TimeSpan CompletedAt);
