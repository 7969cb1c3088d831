using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// Reads the engine's recovery analytics once they have settled. The dealership views show every
/// event applied to its dealership, but incidents, customers and recovery desks finish their share
/// of the same deliveries a moment later, and tell each other about NPS answers and visits after
/// that: the analytics are read until two answers a settling time apart are the same and count the
/// month's incidents.
/// </summary>
public sealed class RecoveryAnalytics(HttpClient http, TextWriter log)
{
    public async Task<(string Json, bool Settled)> WaitAsync(
        DateTimeOffset from, DateTimeOffset to, long expectedIncidents, TimeSpan settle, TimeSpan timeout, CancellationToken cancellation)
    {
        var uri = new Uri($"api/v1/analytics/recovery?from={Uri.EscapeDataString(Wire.Time(from))}&to={Uri.EscapeDataString(Wire.Time(to))}", UriKind.Relative);
        var clock = Stopwatch.StartNew();
        string? last = null;
        var (lastChange, lastReport) = (TimeSpan.Zero, TimeSpan.Zero);
        while (true)
        {
            using var response = await http.GetAsync(uri, cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"GET /{uri} answered 404: this engine has no recovery analytics route");
            }

            if (response.IsSuccessStatusCode)
            {
                if (body != last)
                {
                    (last, lastChange) = (body, clock.Elapsed);
                }

                var incidents = Incidents(body);
                if (incidents >= expectedIncidents && clock.Elapsed - lastChange >= settle)
                {
                    return (body, true);
                }

                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
                {
                    log.WriteLine($"  analytics at {clock.Elapsed.TotalSeconds:0} s: {incidents:N0} of {expectedIncidents:N0} incidents counted, last change at {lastChange.TotalSeconds:0} s");
                    lastReport = clock.Elapsed;
                }

                if (clock.Elapsed >= timeout)
                {
                    log.WriteLine($"the analytics did not settle within {timeout.TotalSeconds:0} s ({incidents:N0} of {expectedIncidents:N0} incidents counted); the last answer is kept");
                    return (body, false);
                }
            }
            else if (clock.Elapsed >= timeout)
            {
                throw new InvalidOperationException($"GET /{uri}: {(int)response.StatusCode} {body}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
        }
    }

    /// <summary>Every dealership's budget (<c>GET /api/v1/budgets</c>), as the engine answers.</summary>
    public async Task<string> BudgetsAsync(CancellationToken cancellation)
    {
        using var response = await http.GetAsync(new Uri("api/v1/budgets", UriKind.Relative), cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"GET /api/v1/budgets: {(int)response.StatusCode} {body}");
    }

    private static long Incidents(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("total", out var total) && total.TryGetProperty("incidents", out var n) && n.TryGetInt64(out var v) ? v : 0;
    }
}
