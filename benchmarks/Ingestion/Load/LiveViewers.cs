using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// Viewers of the league probe's dealership board through its live stream
/// (<c>GET /api/v1/leaderboards/technician/live</c>, server-sent events), as a kiosk or a dashboard
/// follows it: <c>count</c> streams held open through the load on one API node, each noting when it
/// first saw each score of the probe technician. Measured per probe and viewer: from the probe's
/// 202 (durable intake, before the engine applied it) to that viewer's <c>leaderboard</c> event
/// carrying the new score. The goal: 95 % of the viewers within one second.
/// </summary>
internal sealed class LiveViewers(Uri target, int count, string dealership, string technician)
{
    private static readonly TimeSpan Connecting = TimeSpan.FromMinutes(2);

    // Per viewer, in the order received: a score of the probe technician and when it arrived (Stopwatch timestamps).
    private readonly List<(long Score, long At)>[] _seen = [.. Enumerable.Range(0, count).Select(_ => new List<(long, long)>())];
    private int _broken;
    private HttpClient? _http;
    private List<Task>? _reading;

    /// <summary>Opens every stream and returns once each has sent its first board (all viewers are watching).</summary>
    public async Task OpenAsync(CancellationToken stop)
    {
        // One connection per stream: HTTP/1.1, as browsers hold an event stream.
        _http = LoadDriver.CreateClient(target, count + 8, Timeout.InfiniteTimeSpan);
        // What the dealership's kiosk watches: its top 10 (the probe technician is alone on it).
        var path = $"api/v1/leaderboards/technician/live?scope=dealership:{dealership}&top=10";
        var opened = new TaskCompletionSource[count];
        _reading = [];
        for (var v = 0; v < count; v++)
        {
            opened[v] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _reading.Add(ReadAsync(v, path, opened[v], stop));
        }

        await Task.WhenAll(opened.Select(o => o.Task)).WaitAsync(Connecting, stop);
    }

    /// <summary>Waits for the streams to close once <c>stop</c> (given to <see cref="OpenAsync"/>) is cancelled.</summary>
    public async Task CloseAsync()
    {
        if (_reading is not null)
        {
            await Task.WhenAll(_reading);
        }

        _http?.Dispose();
    }

    private async Task ReadAsync(int viewer, string path, TaskCompletionSource opened, CancellationToken stop)
    {
        var seen = _seen[viewer];
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version11 };
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            var eventName = "";
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    eventName = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal) && eventName == "leaderboard")
                {
                    var at = Stopwatch.GetTimestamp();
                    var entries = JsonNode.Parse(line[5..])?["entries"]?.AsArray() ?? [];
                    var score = entries.FirstOrDefault(e => e?["staffId"]?.GetValue<string>() == technician)?["score"]?.GetValue<long>() ?? 0;
                    lock (seen)
                    {
                        seen.Add((score, at));
                    }

                    opened.TrySetResult();
                }
                else if (line.Length == 0)
                {
                    eventName = "";
                }
            }

            // The server ended a stream it should have held open.
            Interlocked.Increment(ref _broken);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The load is over.
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _broken);
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _broken);
        }
        finally
        {
            opened.TrySetResult();
        }
    }

    /// <summary>The delays from each probe's 202 to each viewer's receipt of its score.</summary>
    public LiveViewersResult Result(IReadOnlyList<ProbeAck> probes)
    {
        var delays = new List<double>();
        var missed = 0;
        var probesReachingMost = 0;
        foreach (var probe in probes)
        {
            var within = 0;
            foreach (var seen in _seen)
            {
                (long Score, long At)? first;
                lock (seen)
                {
                    first = seen.Where(s => s.Score >= probe.Score).Select(s => ((long, long)?)s).FirstOrDefault();
                }

                if (first is { } hit)
                {
                    var ms = Stopwatch.GetElapsedTime(probe.AckedAt, hit.At).TotalMilliseconds;
                    delays.Add(ms);
                    within += ms <= 1_000 ? 1 : 0;
                }
                else
                {
                    missed++;
                }
            }

            probesReachingMost += within >= 0.95 * count ? 1 : 0;
        }

        var withinOneSecond = delays.Count(ms => ms <= 1_000);
        var expected = (long)probes.Count * count;
        return new LiveViewersResult(
            count, probes.Count, _broken, missed, expected == 0 ? 0 : (double)withinOneSecond / expected, probesReachingMost,
            LiveDelay.From(delays));
    }
}

/// <summary>A probe's score change: the technician's score it sets and when its 202 came (a Stopwatch timestamp).</summary>
public sealed record ProbeAck(long Score, long AckedAt);

/// <summary>
/// What the live viewers saw: how many, over how many probes; streams that broke; deliveries never
/// received; the share of all (probe, viewer) deliveries within 1 s of the 202; the probes that
/// reached at least 95 % of the viewers within 1 s; and the delays.
/// </summary>
public sealed record LiveViewersResult(
    int Viewers, int Probes, int BrokenStreams, long Missed, double ShareWithinOneSecond, int ProbesReaching95PercentWithinOneSecond, LiveDelay DelayMs);

/// <summary>Delays from a probe's 202 to a viewer's receipt, in milliseconds (nearest-rank percentiles).</summary>
public sealed record LiveDelay(int Count, double P50, double P95, double P99, double Max)
{
    public static LiveDelay From(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LiveDelay(0, 0, 0, 0, 0);
        }

        milliseconds.Sort();
        double At(double q) => milliseconds[Math.Clamp((int)Math.Ceiling(q * milliseconds.Count) - 1, 0, milliseconds.Count - 1)];
        return new LiveDelay(milliseconds.Count, At(0.50), At(0.95), At(0.99), milliseconds[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.0} / p95 {P95:0.0} / p99 {P99:0.0} / max {Max:0.0} ms");
}
