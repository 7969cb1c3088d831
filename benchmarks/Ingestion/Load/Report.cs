using System.Globalization;
using System.Text;

namespace Pitstop.Ingestion.Load;

/// <summary>The comparison of an engine run and a baseline run, as a plain or Markdown table.</summary>
public static class Report
{
    public static string Table(RunResult engine, RunResult? baseline, bool markdown, string firstColumn = "engine")
    {
        var rows = new List<(string Name, string Engine, string Baseline)>
        {
            ("events sent", N(engine.EventsSent), N(baseline?.EventsSent)),
            ("accepted / duplicates / rejected", $"{N(engine.Accepted)} / {N(engine.Duplicates)} / {N(engine.Rejected)}",
                baseline is null ? "-" : $"{N(baseline.Accepted)} / {N(baseline.Duplicates)} / {N(baseline.Rejected)}"),
            ("failed batches", N(engine.BatchesFailed), N(baseline?.BatchesFailed)),
            ("**events/s acknowledged**", N(engine.AckEventsPerSecond), N(baseline?.AckEventsPerSecond)),
            ("**events/s applied**", engine.AppliedComplete ? N(engine.AppliedEventsPerSecond) : "incomplete",
                baseline is null ? "-" : N(baseline.AppliedEventsPerSecond)),
            ("ack latency p50 (ms)", Ms(engine.AckLatencyMs.P50), Ms(baseline?.AckLatencyMs.P50)),
            ("ack latency p99 (ms)", Ms(engine.AckLatencyMs.P99), Ms(baseline?.AckLatencyMs.P99)),
            ("ack latency max (ms)", Ms(engine.AckLatencyMs.Max), Ms(baseline?.AckLatencyMs.Max)),
            ("first send → last ack (s)", S(engine.AckSeconds), S(baseline?.AckSeconds)),
            ("first send → all applied (s)", engine.AppliedComplete ? S(engine.AppliedSeconds) : $"> {S(engine.AppliedSeconds)}", S(baseline?.AppliedSeconds)),
            ("apply lag after last ack (s)", S(engine.ApplyLagSeconds), S(baseline?.ApplyLagSeconds)),
        };
        if (engine.League is { } league)
        {
            rows.Add(("league: score changes visible on every board within 1 s", $"{N(league.WithinOneSecond)} of {N(league.Probes)}", "-"));
            rows.Add(("league: ack → visible p50 / p99 / max (ms)", $"{Ms(league.VisibleMs.P50)} / {Ms(league.VisibleMs.P99)} / {Ms(league.VisibleMs.Max)}", "-"));
        }

        var sb = new StringBuilder();
        if (markdown)
        {
            // Without a baseline (the recovery month) the table has no baseline column.
            var withBaseline = baseline is not null;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| figure | {firstColumn} |{(withBaseline ? " baseline |" : "")}");
            sb.AppendLine(withBaseline ? "|---|---:|---:|" : "|---|---:|");
            foreach (var (name, e, b) in rows)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {e} |{(withBaseline ? $" {b} |" : "")}");
            }
        }
        else
        {
            var w0 = rows.Max(r => Plain(r.Name).Length);
            var w1 = Math.Max(12, rows.Max(r => r.Engine.Length));
            var w2 = Math.Max(12, rows.Max(r => r.Baseline.Length));
            var third = baseline is null ? "" : "  " + "baseline".PadLeft(w2);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{"".PadRight(w0)}  {firstColumn.PadLeft(w1)}{third}");
            foreach (var (name, e, b) in rows)
            {
                third = baseline is null ? "" : "  " + b.PadLeft(w2);
                sb.AppendLine(CultureInfo.InvariantCulture, $"{Plain(name).PadRight(w0)}  {e.PadLeft(w1)}{third}");
            }
        }

        if (baseline is not null)
        {
            sb.AppendLine();
            var ratio = baseline.AppliedEventsPerSecond > 0 && engine.AppliedComplete
                ? Ratio(engine.AppliedEventsPerSecond / baseline.AppliedEventsPerSecond)
                : "n/a";
            var ackRatio = baseline.AckEventsPerSecond > 0
                ? Ratio(engine.AckEventsPerSecond / baseline.AckEventsPerSecond)
                : "n/a";
            sb.AppendLine(markdown
                ? $"**Ratio applied(engine) / baseline: {ratio}** (acknowledged: {ackRatio})"
                : $"ratio applied(engine)/baseline: {ratio}   (acknowledged: {ackRatio})");
        }

        return sb.ToString();
    }

    public static string Mix(RunResult run)
    {
        var total = Math.Max(1, run.EventTypes.Values.Sum());
        return string.Join(", ", run.EventTypes.OrderByDescending(t => t.Value)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {100.0 * t.Value / total:0.0}%")));
    }

    public static string Problems(RunResult run) =>
        run.Problems.Count == 0 ? "none" : string.Join(Environment.NewLine, run.Problems.Select(p => "- " + p));

    /// <summary>Three significant digits and the percentage: "0.0113 (1.13 %)".</summary>
    private static string Ratio(double r) => string.Create(CultureInfo.InvariantCulture, $"{r:G3} ({r * 100:G3} %)");

    private static string Plain(string s) => s.Replace("**", "", StringComparison.Ordinal);

    private static string N(double? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string N(long? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string S(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
