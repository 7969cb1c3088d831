using System.Globalization;
using Pitstop.Ingestion.Cost;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// What each event cost over the measured windows of several runs, side by side: CPU by process,
/// WAL and rows written by table; and the issue's ratios between them.
/// </summary>
public static class CostReport
{
    /// <summary>The issue's goal for CPU per event paced at half the rate against saturated.</summary>
    public const double PacedCpuGoal = 1.2;

    private const string Driver = "load driver";

    public static string Table(IReadOnlyList<RunResult> runs, bool markdown)
    {
        var measured = runs.Where(r => r.Cost is not null).ToList();
        if (measured.Count == 0)
        {
            return "";
        }

        var rows = new List<string[]>
        {
            Row("events in the window / window (s)", measured, c => $"{N(c.Events)} / {c.WindowSeconds.ToString("0.0", CultureInfo.InvariantCulture)}"),
        };
        foreach (var process in measured.SelectMany(r => r.Cost!.CpuSeconds.Keys).Distinct().OrderBy(p => p == Driver).ThenBy(p => p, StringComparer.Ordinal))
        {
            rows.Add(Row($"CPU ms per event: {process}", measured, c => c.CpuSeconds.TryGetValue(process, out var s) ? Ms(s, c.Events) : "-"));
        }

        rows.Add(Row(Bold("CPU ms per event: the servers (all but the load driver)", markdown), measured, c => Ms(ServerCpu(c), c.Events)));
        rows.Add(Row(Bold("WAL bytes per event", markdown), measured, c => c.WalBytes is { } w ? PerEvent(w, c.Events, "N0") : "-"));
        foreach (var table in measured.SelectMany(r => r.Cost!.WalBytesByTable?.Keys ?? []).Distinct().OrderBy(t => t, StringComparer.Ordinal))
        {
            rows.Add(Row($"WAL bytes per event: {table}", measured, c => c.WalBytesByTable?.TryGetValue(table, out var w) == true ? PerEvent(w, c.Events, "N0") : "-"));
        }

        foreach (var table in measured.SelectMany(r => r.Cost!.Rows?.Keys ?? []).Distinct().OrderBy(t => t, StringComparer.Ordinal))
        {
            rows.Add(Row($"rows per event ins / upd / del: {table}", measured, c => c.Rows?.TryGetValue(table, out var t) == true
                ? $"{PerEvent(t.Inserted, c.Events, "0.00")} / {PerEvent(t.Updated, c.Events, "0.00")} / {PerEvent(t.Deleted, c.Events, "0.00")}"
                : "-"));
        }

        return TextTable.Render(["per event (measured window)", .. measured.Select(r => r.Label)], rows, markdown);
    }

    /// <summary>
    /// CPU per event of the servers paced ÷ saturated (the issue: at most <see cref="PacedCpuGoal"/>),
    /// or null when either run has no CPU figures.
    /// </summary>
    public static double? PacedCpuRatio(RunResult saturated, RunResult paced) =>
        saturated.Cost is { } s && paced.Cost is { } p && ServerCpu(s) > 0 && s.Events > 0 && p.Events > 0
            ? ServerCpu(p) / p.Events / (ServerCpu(s) / s.Events)
            : null;

    public static string PacedCpuLine(RunResult saturated, RunResult paced, bool markdown) =>
        PacedCpuRatio(saturated, paced) is { } r
            ? string.Create(CultureInfo.InvariantCulture,
                $"{(markdown ? "**" : "")}CPU per event of the servers, paced ÷ saturated: {r:0.00}{(markdown ? "**" : "")} (goal ≤ {PacedCpuGoal:0.0}: {(r <= PacedCpuGoal ? "met" : "not met")})")
            : "";

    /// <summary>CPU seconds of the processes measured, the load driver's own left out.</summary>
    public static double ServerCpu(CostResult cost) => cost.CpuSeconds.Where(c => c.Key != Driver).Sum(c => c.Value);

    private static string[] Row(string name, List<RunResult> runs, Func<CostResult, string> cell) => [name, .. runs.Select(r => cell(r.Cost!))];

    private static string Bold(string name, bool markdown) => markdown ? $"**{name}**" : name;

    private static string Ms(double seconds, long events) => events > 0 ? (seconds * 1000 / events).ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string PerEvent(long value, long events, string format) => events > 0 ? ((double)value / events).ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
