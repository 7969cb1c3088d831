using System.Globalization;
using System.Text;
using System.Text.Json;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// The recovery month in words and tables: what the month held (<see cref="MonthStats"/>), how
/// fast the engine took it in (<see cref="RunResult"/>), and the engine's recovery analytics
/// (<c>GET /api/v1/analytics/recovery</c>) beside the counts the generator expects.
/// </summary>
public static class MonthReport
{
    private static readonly string[] FigureColumns =
        ["incidents", "closed", "recovered", "within 24 h / decided", "share within 24 h", "NPS before", "NPS after", "retained", "points spent"];

    /// <summary>The month as generated.</summary>
    public static string Month(MonthStats s, bool markdown)
    {
        var sb = new StringBuilder();
        var (bullet, bold) = markdown ? ("- ", "**") : ("", "");
        sb.AppendLine(Invariant($"{bullet}Window: {Wire.Time(s.From)} to {Wire.Time(s.To)} ({s.Days} days and the day of the run up to its start); {s.Dealerships} centres in {s.States} states; {s.VisitsPerDay:0.#} visits per centre per day on average (a centre's own rate within ±1/6 of it by its size, fewer on Sundays); seed {s.Seed}"));
        sb.AppendLine(Invariant($"{bullet}Events: {s.Events:N0} — {s.VisitEvents:N0} of visits and incidents, {s.Events - s.VisitEvents:N0} of the regular mix (sales, contracts, referrals, support cases, relationship surveys, reversals)"));
        sb.AppendLine(Invariant($"{bullet}Visits: {s.VisitsOpened:N0} opened ({s.ReturnVisits:N0} of customers back after an incident), {s.VisitsCompleted:N0} completed; {s.FrictionVisits:N0} of those with friction = {bold}{s.FrictionShare:P1}{bold} (drawn at {s.FrictionTarget:P1}; some defects and complaints of the last days fall after the month)"));
        sb.AppendLine(Invariant($"{bullet}Incidents: {s.Total.Incidents:N0} ({s.ComplaintsWithoutVisit:N0} complaints naming no visit), {s.Total.Closed:N0} closed within the month, {s.Total.Incidents - s.Total.Closed:N0} left open; {s.Total.Repeat:N0} repeats (another incident of the customer in the 180 days before: major), {s.CustomersWithSeveralIncidents:N0} customers with more than one"));
        sb.AppendLine();
        var rows = s.ByKind.Concat(s.BySeverity).Append(s.Total).Select(f => new[]
        {
            f.Name, N(f.Incidents), N(f.Closed), N(f.Repeat), N(f.Retained),
            Invariant($"{N(f.NpsBefore)} × {Nps(f.AverageNpsBefore)}"), Invariant($"{N(f.NpsAfter)} × {Nps(f.AverageNpsAfter)}"),
        }).ToList();
        sb.Append(TextTable.Render(["as generated", "incidents", "closed", "repeat", "retained", "NPS before (answers × average)", "NPS after closure"], rows, markdown));
        return sb.ToString();
    }

    /// <summary>The engine's analytics as tables: total, by kind, by severity, by state, and the ten dealerships with most incidents.</summary>
    public static string Analytics(JsonElement analytics, MonthStats? generated, bool markdown)
    {
        var sb = new StringBuilder();
        var total = analytics.TryGetProperty("total", out var t) ? t : default;
        sb.Append(TextTable.Render(["", .. FigureColumns], [Figures("total", total, generated?.Total)], markdown));
        sb.AppendLine();
        sb.Append(Group(analytics, "byKind", "kind", "by kind", generated?.ByKind, markdown));
        sb.AppendLine();
        sb.Append(Group(analytics, "bySeverity", "severity", "by severity", generated?.BySeverity, markdown));
        sb.AppendLine();
        sb.Append(Group(analytics, "byState", "state", "by state", null, markdown));
        sb.AppendLine();
        var dealerships = Items(analytics, "byDealership")
            .OrderByDescending(d => Long(FiguresOf(d), "incidents") ?? 0).ThenBy(d => Text(d, "dealershipId"), StringComparer.Ordinal).Take(10)
            .Select(d => Figures(Invariant($"{Text(d, "dealershipId")} ({Text(d, "state")})"), FiguresOf(d), null)).ToList();
        sb.Append(TextTable.Render(["top 10 dealerships by incidents", .. FigureColumns], dealerships, markdown));
        return sb.ToString();
    }

    /// <summary>Where the engine's counts differ from the generator's: empty when they all agree.</summary>
    public static IReadOnlyList<string> Differences(JsonElement analytics, MonthStats generated)
    {
        var differences = new List<string>();
        void Compare(string group, JsonElement figures, MonthFigures expected)
        {
            foreach (var (name, value) in new[] { ("incidents", expected.Incidents), ("closed", expected.Closed), ("retained", expected.Retained) })
            {
                if (Long(figures, name) != value)
                {
                    differences.Add(Invariant($"{group}: {name} {N(Long(figures, name))}, generated {value:N0}"));
                }
            }
        }

        Compare("total", analytics.TryGetProperty("total", out var total) ? total : default, generated.Total);
        foreach (var (property, key, expected) in new[] { ("byKind", "kind", generated.ByKind), ("bySeverity", "severity", generated.BySeverity) })
        {
            foreach (var figures in expected)
            {
                var row = Items(analytics, property).FirstOrDefault(i => string.Equals(Text(i, key), figures.Name, StringComparison.OrdinalIgnoreCase));
                Compare(figures.Name, FiguresOf(row), figures);
            }
        }

        return differences;
    }

    /// <summary>
    /// The budgets at the end (<c>GET /api/v1/budgets</c>): what was awarded and topped up, and
    /// whether any award still waits for funds — which would hold recoveries back for budget
    /// reasons, not recovery ones.
    /// </summary>
    public static string Budgets(JsonElement budgets)
    {
        var list = Items(budgets, "budgets");
        long Sum(Func<JsonElement, long?> value) => list.Sum(b => value(b) ?? 0);
        var pending = Sum(b => b.TryGetProperty("pendingAwards", out var p) ? Long(p, "count") : null);
        var pendingPoints = Sum(b => b.TryGetProperty("pendingAwards", out var p) ? Long(p, "points") : null);
        var waiting = list.Count(b => b.TryGetProperty("pendingAwards", out var p) && (Long(p, "count") ?? 0) > 0);
        return Invariant($"{list.Count} budgets: {Sum(b => Long(b, "awardedTotal")):N0} points awarded, {Sum(b => Long(b, "toppedUpTotal")):N0} topped up; {pending:N0} awards pending for {pendingPoints:N0} points at the end (dealerships with awards waiting for funds: {waiting})");
    }

    private static string Group(JsonElement analytics, string property, string key, string title, IReadOnlyList<MonthFigures>? generated, bool markdown)
    {
        var rows = Items(analytics, property)
            .Select(i => Figures(Text(i, key), FiguresOf(i), generated?.FirstOrDefault(g => string.Equals(g.Name, Text(i, key), StringComparison.OrdinalIgnoreCase))))
            .ToList();
        return TextTable.Render([title, .. FigureColumns], rows, markdown);
    }

    // A row of a breakdown names its group and carries the figures in "figures"; the total is figures itself.
    private static JsonElement FiguresOf(JsonElement row) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty("figures", out var figures) ? figures : row;

    /// <summary>One row of figures; counts the generator expects differently carry its count in brackets.</summary>
    private static string[] Figures(string name, JsonElement f, MonthFigures? generated)
    {
        string Checked(string field, int? expected) =>
            expected is { } e && Long(f, field) != e ? Invariant($"{N(Long(f, field))} (generated {e:N0})") : N(Long(f, field));
        return
        [
            name,
            Checked("incidents", generated?.Incidents),
            Checked("closed", generated?.Closed),
            N(Long(f, "recovered")),
            Invariant($"{N(Long(f, "withinSla"))} / {N(Long(f, "slaDecided"))}"),
            Double(f, "shareWithinSla") is { } share ? Invariant($"{share:P1}") : "–",
            Nps(Double(f, "averageNpsBefore")),
            Nps(Double(f, "averageNpsAfter")),
            Checked("retained", generated?.Retained),
            N(Long(f, "pointsSpent")),
        ];
    }

    private static List<JsonElement> Items(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? [.. items.EnumerateArray()]
            : [];

    private static string Text(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "?";

    private static long? Long(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static double? Double(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string N(long? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "–";

    private static string Nps(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
