using System.Globalization;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// A paced run (<c>--rate</c>) as a small table: whether the schedule was kept, whether the engine
/// applied at that rate without a backlog, and how soon the league showed score changes meanwhile.
/// </summary>
public static class PacedReport
{
    public static string Title(RunResult run, PacedResult paced) => string.Create(CultureInfo.InvariantCulture,
        $"Paced load: {paced.Rate:N0} events/s for {paced.DurationSeconds:0} s ({run.Concurrency} clients, batches of {run.BatchSize})");

    public static string Table(RunResult run, PacedResult paced, bool markdown)
    {
        var rows = new List<string[]>
        {
            Row("events sent / accepted / failed batches", $"{N(run.EventsSent)} / {N(run.Accepted)} / {N(run.BatchesFailed)}"),
            Row(Key("events/s sent (achieved)", markdown), N(paced.SentEventsPerSecond)),
            Row("sends behind schedule p99 / max (ms)", $"{Ms(paced.BehindScheduleMs.P99)} / {Ms(paced.BehindScheduleMs.Max)}"),
            Row(Key("events/s applied", markdown), run.AppliedComplete ? N(run.AppliedEventsPerSecond) : "incomplete"),
            Row("apply lag after last ack (s)", run.ApplyLagSeconds.ToString("0.00", CultureInfo.InvariantCulture)),
            Row("ack latency p50 / p99 / max (ms)", $"{Ms(run.AckLatencyMs.P50)} / {Ms(run.AckLatencyMs.P99)} / {Ms(run.AckLatencyMs.Max)}"),
        };
        if (run.League is { } league)
        {
            rows.Add(Row(Key("league: score changes visible on every board within 1 s", markdown), $"{N(league.WithinOneSecond)} of {N(league.Probes)}"));
            rows.Add(Row("league: ack → visible p50 / p99 / max (ms)", $"{Ms(league.VisibleMs.P50)} / {Ms(league.VisibleMs.P99)} / {Ms(league.VisibleMs.Max)}"));
        }

        if (run.Live is { } live)
        {
            rows.Add(Row(Key($"live: deliveries to {N(live.Viewers)} stream viewers within 1 s of the 202", markdown),
                $"{live.ShareWithinOneSecond.ToString("P1", CultureInfo.InvariantCulture)} of {N((double)live.Probes * live.Viewers)}"));
            rows.Add(Row(Key("live: score changes reaching 95 % of the viewers within 1 s", markdown), $"{N(live.ProbesReaching95PercentWithinOneSecond)} of {N(live.Probes)}"));
            rows.Add(Row("live: 202 → viewer p50 / p95 / p99 / max (ms)", $"{Ms(live.DelayMs.P50)} / {Ms(live.DelayMs.P95)} / {Ms(live.DelayMs.P99)} / {Ms(live.DelayMs.Max)}"));
            rows.Add(Row("live: deliveries never received / streams broken", $"{N(live.Missed)} / {N(live.BrokenStreams)}"));
        }

        return TextTable.Render(["figure", run.Kind], rows, markdown);
    }

    private static string[] Row(string name, string value) => [name, value];

    /// <summary>The figures the paced stage is for, in bold in Markdown.</summary>
    private static string Key(string name, bool markdown) => markdown ? $"**{name}**" : name;

    private static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
