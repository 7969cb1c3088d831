using System.Globalization;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// The engine's applied rate beside the floor of its shape (benchmarks/Floor: the same streams,
/// fan-out and storage, grains that only write an empty state) and the baseline, measured in the
/// same run, with the issue's two goals: at least 25 % of the baseline, or within 1.5× of the floor.
/// </summary>
public static class ShapeReport
{
    public const double BaselineGoal = 0.25;

    public const double FloorGoal = 1.5;

    public static string Table(RunResult engine, RunResult floor, RunResult? baseline, bool markdown)
    {
        string Rate(RunResult r) => r.AppliedComplete ? r.AppliedEventsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "incomplete";
        string OfBaseline(RunResult r) => baseline is { AppliedEventsPerSecond: > 0 } && r.AppliedComplete
            ? (r.AppliedEventsPerSecond / baseline.AppliedEventsPerSecond).ToString("P1", CultureInfo.InvariantCulture)
            : "-";
        var header = new List<string> { "figure", "engine", "floor of the shape" };
        var rates = new List<string> { "events/s applied", Rate(engine), Rate(floor) };
        var shares = new List<string> { "share of the baseline", OfBaseline(engine), OfBaseline(floor) };
        if (baseline is not null)
        {
            header.Add("baseline");
            rates.Add(Rate(baseline));
            shares.Add("100 %");
        }

        var text = TextTable.Render(header, [[.. rates], [.. shares]], markdown);
        var lines = new List<string>();
        if (engine.AppliedComplete && floor.AppliedComplete && engine.AppliedEventsPerSecond > 0)
        {
            var behind = floor.AppliedEventsPerSecond / engine.AppliedEventsPerSecond;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{B(markdown)}floor ÷ engine: {behind:0.00}×{B(markdown)} (goal ≤ {FloorGoal:0.0}×: {(behind <= FloorGoal ? "met" : "not met")})"));
        }

        if (baseline is { AppliedEventsPerSecond: > 0 } && engine.AppliedComplete)
        {
            var share = engine.AppliedEventsPerSecond / baseline.AppliedEventsPerSecond;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{B(markdown)}engine ÷ baseline: {share:P1}{B(markdown)} (goal ≥ {BaselineGoal:P0}: {(share >= BaselineGoal ? "met" : "not met")})"));
        }

        return text + Environment.NewLine + string.Join(Environment.NewLine + (markdown ? Environment.NewLine : ""), lines) + Environment.NewLine;
    }

    private static string B(bool markdown) => markdown ? "**" : "";
}
