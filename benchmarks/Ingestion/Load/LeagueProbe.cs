using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// Measures how soon a score change shows in the league while the load runs: about once a second
/// it posts one visit for a probe technician of a dealership of its own and times, from the 202,
/// until every board the technician counts on (dealership, state, national) shows the new score.
/// The goal (issue: real time) is within one second.
/// </summary>
internal sealed class LeagueProbe(HttpClient http, string runId)
{
    private const string State = "KA";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    // An on-time, first-time-fixed, zero-defect visit: (50 + 80 + 30) x 1.2 for the technician.
    private const long PointsPerVisit = 192;

    private readonly string _dealership = $"DLR-PROBE-{runId}";
    private readonly string _technician = $"S-PROBE-{runId}-T1";
    private readonly List<double> _visibleMs = [];
    private readonly List<ProbeAck> _acknowledged = [];
    private int _timedOut;

    public string Dealership => _dealership;

    public string Technician => _technician;

    /// <summary>Each probe's score change and when its 202 came, for the live viewers' delays.</summary>
    public IReadOnlyList<ProbeAck> Acknowledged => _acknowledged;

    public async Task RegisterAsync(CancellationToken cancellation)
    {
        var response = await http.PutAsJsonAsync(
            $"api/v1/dealerships/{_dealership}", new { name = "League probe", city = "Bengaluru", state = State, region = "south" }, cancellation);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Probes until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        long expected = 0;
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var started = Stopwatch.StartNew();
            try
            {
                var response = await http.PostAsJsonAsync("api/v1/events", new JsonObject { ["events"] = new JsonArray(Visit(n)) }, CancellationToken.None);
                response.EnsureSuccessStatusCode();
                expected += PointsPerVisit;
                var acknowledged = Stopwatch.StartNew();
                _acknowledged.Add(new ProbeAck(expected, Stopwatch.GetTimestamp()));
                if (await VisibleAsync(expected, acknowledged))
                {
                    _visibleMs.Add(acknowledged.Elapsed.TotalMilliseconds);
                }
                else
                {
                    _timedOut++;
                }

                var rest = Period - started.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public LeagueProbeResult Result()
    {
        var latency = LatencySummary.From([.. _visibleMs]);
        return new LeagueProbeResult(_visibleMs.Count + _timedOut, _visibleMs.Count(ms => ms <= 1_000), _timedOut, latency);
    }

    private async Task<bool> VisibleAsync(long expected, Stopwatch since)
    {
        string[] scopes = [$"dealership:{_dealership}", $"state:{State}", "national"];
        var pending = scopes.ToList();
        while (since.Elapsed < GiveUp)
        {
            foreach (var scope in pending.ToList())
            {
                var board = await http.GetFromJsonAsync<JsonObject>($"api/v1/leaderboards/technician?scope={scope}&around={_technician}&radius=0");
                if (board?["entries"]?.AsArray().FirstOrDefault()?["score"]?.GetValue<long>() >= expected)
                {
                    pending.Remove(scope);
                }
            }

            if (pending.Count == 0)
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    private JsonObject Visit(int n)
    {
        var now = DateTimeOffset.UtcNow;
        string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = $"probe-{runId}-{n}", ["source"] = "probe", ["type"] = "service.visit.completed", ["occurredAt"] = Time(now),
            ["dealershipId"] = _dealership,
            ["data"] = new JsonObject
            {
                ["jobCardId"] = $"JC-PROBE-{runId}-{n}", ["customerId"] = $"C-PROBE-{runId}", ["vin"] = "W1K2060421F000001",
                ["vehicleClass"] = "mid", ["visitKind"] = "scheduled", ["advisorId"] = $"S-PROBE-{runId}-A1",
                ["technicianIds"] = new JsonArray(_technician), ["promisedAt"] = Time(now.AddMinutes(10)), ["deliveredAt"] = Time(now),
                ["firstTimeFix"] = true, ["repeatRepair"] = false, ["jobCardAccurate"] = true, ["invoiceAmount"] = 18500.00m,
            },
        };
    }
}

/// <summary>Probes made, how many showed on every board within a second, how many never did (60 s), and the time to show.</summary>
public sealed record LeagueProbeResult(int Probes, int WithinOneSecond, int TimedOut, LatencySummary VisibleMs);
