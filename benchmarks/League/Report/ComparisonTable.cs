using System.Globalization;
using System.Text;

namespace Pitstop.League.Report;

/// <summary>
/// The comparison, one Markdown table per board size: each row a Redis figure, the engine's
/// matching one, their ratio and, where the issue sets one, the goal and whether it is met.
/// </summary>
internal static class ComparisonTable
{
    public static string Markdown(IReadOnlyList<Figure> figures, int pipeline, int clients)
    {
        var text = new StringBuilder();
        foreach (var members in figures.Select(f => f.Members).Distinct().Order())
        {
            double? Get(string system, string measure) =>
                figures.LastOrDefault(f => f.Members == members && f.System == system && f.Measure == measure)?.Value;

            text.AppendLine(Invariant($"### {members:N0} members"));
            text.AppendLine();
            text.AppendLine("| figure | Redis | engine | engine ÷ Redis | goal | met |");
            text.AppendLine("|---|---:|---:|---:|---|---|");
            var rows = new (string Label, double? Redis, double? Engine, string Format, Goal Goal)[]
            {
                (Invariant($"score updates/s — in-process `Add` vs `ZINCRBY`, pipelined (-P {pipeline})"),
                    Get(Figure.Redis, "update-pipelined"), Get(Figure.InProcess, "update"), "N0", Goal.RatioAtLeast(1)),
                ("score updates/s — in-process `Add` vs `ZINCRBY`, no pipelining",
                    Get(Figure.Redis, "update"), Get(Figure.InProcess, "update"), "N0", Goal.None),
                ("rank queries/s — in-process `RankOf` vs `ZREVRANK`",
                    Get(Figure.Redis, "rank"), Get(Figure.InProcess, "rank"), "N0", Goal.None),
                ("top-10 queries/s — in-process `Top(10)` vs `ZREVRANGE 0 9`",
                    Get(Figure.Redis, "top10"), Get(Figure.InProcess, "top10"), "N0", Goal.None),
                (Invariant($"requests/s — a bare ASP.NET Core route (benchmarks/Baseline `/ping`: no middleware) vs `PING`, {clients} clients"),
                    Get(Figure.Redis, "ping"), Get(Figure.Api, "bare"), "N0", Goal.None),
                (Invariant($"requests/s — HTTP API `/health/live` (the API's middleware, no credential, no grain) vs `PING`, {clients} clients"),
                    Get(Figure.Redis, "ping"), Get(Figure.Api, "ping"), "N0", Goal.None),
                (Invariant($"rank queries/s — HTTP API `around=…&radius=0` vs `ZREVRANK`, {clients} clients"),
                    Get(Figure.Redis, "rank"), Get(Figure.Api, "rank"), "N0", Goal.RatioAtLeast(0.6)),
                (Invariant($"top-10 queries/s — HTTP API `top=10` vs `ZREVRANGE 0 9`, {clients} clients"),
                    Get(Figure.Redis, "top10"), Get(Figure.Api, "top10"), "N0", Goal.RatioAtLeast(0.6)),
                ("rank query p99, ms — HTTP API vs `ZREVRANK`",
                    Get(Figure.Redis, "rank-p99-ms"), Get(Figure.Api, "rank-p99-ms"), "0.00", Goal.EngineAtMost(5)),
                ("top-10 query p99, ms — HTTP API vs `ZREVRANGE 0 9`",
                    Get(Figure.Redis, "top10-p99-ms"), Get(Figure.Api, "top10-p99-ms"), "0.00", Goal.None),
                ("memory per member, bytes — `ScoreBoard` vs sorted set",
                    Get(Figure.Redis, "memory-bytes"), Get(Figure.InProcess, "memory-bytes"), "0.0", Goal.RatioAtMost(1)),
            };
            foreach (var (label, redis, engine, format, goal) in rows)
            {
                var ratio = redis is > 0 && engine is { } e ? e / redis.Value : (double?)null;
                text.AppendLine(Invariant(
                    $"| {label} | {Show(redis, format)} | {Show(engine, format)} | {(ratio is { } r ? Invariant($"{r:0.00}×") : "–")} | {goal.Text} | {goal.Verdict(ratio, engine)} |"));
            }

            text.AppendLine();
            AgainstBareRoute(text, Get, members, clients);
            var apiNote = Get(Figure.Api, "failed") is { } failed
                ? Invariant($"{failed:N0} requests failed or answered other than 2xx (wrk's errors)")
                : "not measured in this run (`league.sh --api URL`)";
            text.AppendLine(Invariant(
                $"Loading the staff ids: ScoreBoard {Seconds(Get(Figure.InProcess, "load-seconds"))}, Redis {Seconds(Get(Figure.Redis, "load-seconds"))} (`redis-cli --pipe`, ZADD of 1,000 members a command). HTTP API: {apiNote}."));
            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>
    /// The league's reads through the authenticated API against a bare ASP.NET Core route under the
    /// same wrk load (the issue: at least 0.6× its requests/s, p99 at most 5 ms at 1 M members);
    /// only when the bare route was measured (<c>league.sh --engine</c>).
    /// </summary>
    private static void AgainstBareRoute(StringBuilder text, Func<string, string, double?> get, int members, int clients)
    {
        if (get(Figure.Api, "bare") is not > 0)
        {
            return;
        }

        text.AppendLine(Invariant($"HTTP API against a bare ASP.NET Core route (benchmarks/Baseline `/ping`), the same wrk load ({clients} connections), {members:N0} members:"));
        text.AppendLine();
        text.AppendLine("| figure | bare route | HTTP API | API ÷ bare | goal | met |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        var rows = new (string Label, string BareMeasure, string ApiMeasure, string Format, Goal Goal)[]
        {
            ("rank queries/s (`around=…&radius=0`)", "bare", "rank", "N0", Goal.RatioAtLeast(0.6)),
            ("top-10 queries/s (`top=10`)", "bare", "top10", "N0", Goal.RatioAtLeast(0.6)),
            ("rank query p99, ms", "bare-p99-ms", "rank-p99-ms", "0.00", Goal.EngineAtMost(5)),
            ("top-10 query p99, ms", "bare-p99-ms", "top10-p99-ms", "0.00", Goal.EngineAtMost(5)),
        };
        foreach (var (label, bareMeasure, apiMeasure, format, goal) in rows)
        {
            var bare = get(Figure.Api, bareMeasure);
            var api = get(Figure.Api, apiMeasure);
            var ratio = bare is > 0 && api is { } a ? a / bare.Value : (double?)null;
            text.AppendLine(Invariant(
                $"| {label} | {Show(bare, format)} | {Show(api, format)} | {(ratio is { } r ? Invariant($"{r:0.00}×") : "–")} | {goal.Text} | {goal.Verdict(ratio, api)} |"));
        }

        text.AppendLine();
    }

    private static string Show(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "not measured";

    private static string Seconds(double? value) => value is { } v ? Invariant($"{v:0.00} s") : "not measured";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A goal of the issue: on the ratio engine ÷ Redis, or on the engine's figure alone.</summary>
    private sealed record Goal(string Text, Func<double?, double?, bool?> Met)
    {
        public static readonly Goal None = new("–", (_, _) => null);

        public static Goal RatioAtLeast(double x) => new(Invariant($"≥ {x:0.0#}×"), (ratio, _) => ratio is { } r ? r >= x : null);

        public static Goal RatioAtMost(double x) => new(Invariant($"≤ {x:0.0#}×"), (ratio, _) => ratio is { } r ? r <= x : null);

        public static Goal EngineAtMost(double x) => new(Invariant($"engine ≤ {x:0.##} ms"), (_, engine) => engine is { } e ? e <= x : null);

        public string Verdict(double? ratio, double? engine) => Met(ratio, engine) switch
        {
            true => "yes",
            false => "**no**",
            null => "–",
        };
    }
}
