using System.Globalization;
using System.Text;

namespace Pitstop.BudgetHotPath.Report;

/// <summary>The results as a table, for the console or for RESULTS.md (Markdown).</summary>
internal static class ResultsTable
{
    private static readonly string[] Header =
        ["target", "storage", "awards", "time (s)", "awards/s", "vs. budget (PostgreSQL)", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "awards per state write"];

    public static string Render(IReadOnlyList<PhaseResult> phases, bool markdown)
    {
        // The headline every other row is compared with: the engine's budget on real storage.
        var reference = phases.FirstOrDefault(p => p.Key == TargetKeys.Budget)?.Load.PerSecond;
        var rows = phases.Select(p => new[]
        {
            p.Name,
            p.Storage,
            N(p.Load.Completed),
            F(p.Load.Elapsed.TotalSeconds, "0.00"),
            markdown ? $"**{N((long)Math.Round(p.Load.PerSecond))}**" : N((long)Math.Round(p.Load.PerSecond)),
            reference is > 0 ? F(p.Load.PerSecond / reference.Value, "0.00") + "×" : "–",
            Ms(p.Load.Latency.P50),
            Ms(p.Load.Latency.P90),
            Ms(p.Load.Latency.P99),
            Ms(p.Load.Latency.Max),
            p.AwardsPerWrite is { } perWrite ? F(perWrite, "0.0") : "–",
        }).ToList();
        return markdown ? Markdown(rows) : Text(rows);
    }

    /// <summary>The issue's goal for the admin top-up: its p99 at most this many times a raw single-row UPDATE's.</summary>
    public const double TopUpGoal = 5;

    /// <summary>Admin top-up p99 ÷ raw UPDATE p99 and the goal, when both ran; else empty.</summary>
    public static string TopUpRatio(IReadOnlyList<PhaseResult> phases, bool markdown)
    {
        if (phases.FirstOrDefault(p => p.Key == TargetKeys.TopUp) is not { } topUp
            || phases.FirstOrDefault(p => p.Key == TargetKeys.RawUpdate) is not { Load.Latency.P99: > 0 } raw)
        {
            return "";
        }

        var ratio = topUp.Load.Latency.P99 / raw.Load.Latency.P99;
        var bold = markdown ? "**" : "";
        return $"{bold}admin top-up p99 ÷ raw single-row UPDATE p99: {F(ratio, "0.0")}×{bold} ({Ms(topUp.Load.Latency.P99)} ms ÷ {Ms(raw.Load.Latency.P99)} ms; goal ≤ {F(TopUpGoal, "0")}×: {(ratio <= TopUpGoal ? "met" : "not met")})";
    }

    /// <summary>Warm-up done and load average per target: context for reading the figures.</summary>
    public static string Context(IReadOnlyList<PhaseResult> phases) => string.Join(
        "; ",
        phases.Select(p => $"{p.Name}, {p.Storage}: warm-up {N(p.Warmup.Completed)} awards in {F(p.Warmup.Elapsed.TotalSeconds, "0.0")} s, load average {p.LoadAverage}"));

    public static string Problems(IReadOnlyList<PhaseResult> phases)
    {
        var problems = AllProblems(phases);
        return problems.Count == 0 ? "none" : string.Join(Environment.NewLine, problems);
    }

    /// <summary>The table, the context and the checks, for RESULTS.md.</summary>
    public static string Markdown(IReadOnlyList<PhaseResult> phases)
    {
        var text = new StringBuilder(Render(phases, markdown: true));
        text.AppendLine();
        if (TopUpRatio(phases, markdown: true) is { Length: > 0 } ratio)
        {
            text.AppendLine(ratio);
            text.AppendLine();
        }

        text.AppendLine("Rows:");
        text.AppendLine();
        foreach (var p in phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- *{p.Name}, {p.Storage}*: {p.Description}.");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Warm-up and load average (1/5/15 min) at the start of each measurement: {Context(phases)}.");
        text.AppendLine();
        var problems = AllProblems(phases);
        if (problems.Count == 0)
        {
            text.AppendLine("Checks: passed (every award funded, no call failed; each budget's AwardedTotal, pending queue and ledger journal account for exactly the awards sent).");
        }
        else
        {
            text.AppendLine("**Checks FAILED:**");
            text.AppendLine();
            problems.ForEach(p => text.AppendLine(CultureInfo.InvariantCulture, $"- {p}"));
        }

        return text.ToString();
    }

    private static List<string> AllProblems(IReadOnlyList<PhaseResult> phases) =>
        [.. phases.SelectMany(p => p.Problems.Select(problem => $"{p.Name}, {p.Storage}: {problem}"))];

    private static string Markdown(List<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---:|", Header.Length - 2)));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    private static string Text(List<string[]> rows)
    {
        var widths = Header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(Header))
        {
            // Names left-aligned, figures right-aligned.
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i < 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    // Three significant figures or so: the floor answers in microseconds, a busy budget in tens of milliseconds.
    private static string Ms(double milliseconds) => F(milliseconds, milliseconds switch
    {
        >= 100 => "0",
        >= 10 => "0.0",
        >= 1 => "0.00",
        _ => "0.000",
    });

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
