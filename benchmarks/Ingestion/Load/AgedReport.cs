using System.Globalization;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// The same measured load on an engine whose grains carry a year of history and on a fresh one,
/// in the same run: applied events/s and CPU per event side by side, with the issue's goal (the
/// aged engine at least 0.9 of the fresh one's rate).
/// </summary>
public static class AgedReport
{
    public const double Goal = 0.9;

    public static string Table(RunResult fresh, RunResult aged, bool markdown)
    {
        string Rate(RunResult r) => r.AppliedComplete ? r.AppliedEventsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "incomplete";
        string Cpu(RunResult r) => r.Cost is { Events: > 0 } c ? (CostReport.ServerCpu(c) * 1000 / c.Events).ToString("0.000", CultureInfo.InvariantCulture) : "-";
        string RateRatio() => fresh.AppliedComplete && aged.AppliedComplete && fresh.AppliedEventsPerSecond > 0
            ? (aged.AppliedEventsPerSecond / fresh.AppliedEventsPerSecond).ToString("0.00", CultureInfo.InvariantCulture)
            : "-";
        string CpuRatio() => fresh.Cost is { Events: > 0 } f && aged.Cost is { Events: > 0 } a && CostReport.ServerCpu(f) > 0
            ? (CostReport.ServerCpu(a) / a.Events / (CostReport.ServerCpu(f) / f.Events)).ToString("0.00", CultureInfo.InvariantCulture)
            : "-";
        List<string[]> rows =
        [
            ["events sent / accepted", $"{fresh.EventsSent:N0} / {fresh.Accepted:N0}", $"{aged.EventsSent:N0} / {aged.Accepted:N0}", ""],
            [B("events/s applied", markdown), Rate(fresh), Rate(aged), RateRatio()],
            ["events/s acknowledged", fresh.AckEventsPerSecond.ToString("N0", CultureInfo.InvariantCulture), aged.AckEventsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                fresh.AckEventsPerSecond > 0 ? (aged.AckEventsPerSecond / fresh.AckEventsPerSecond).ToString("0.00", CultureInfo.InvariantCulture) : "-"],
            [B("CPU ms per event: the servers", markdown), Cpu(fresh), Cpu(aged), CpuRatio()],
        ];
        var text = TextTable.Render(["figure", "fresh", "aged a year", "aged ÷ fresh"], rows, markdown);
        if (fresh.AppliedComplete && aged.AppliedComplete && fresh.AppliedEventsPerSecond > 0)
        {
            var ratio = aged.AppliedEventsPerSecond / fresh.AppliedEventsPerSecond;
            text += Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
                $"{(markdown ? "**" : "")}aged ÷ fresh, events/s applied: {ratio:0.00}{(markdown ? "**" : "")} (goal ≥ {Goal:0.0}: {(ratio >= Goal ? "met" : "not met")})") + Environment.NewLine;
        }

        return text;
    }

    private static string B(string name, bool markdown) => markdown ? $"**{name}**" : name;
}
