using System.Globalization;
using Npgsql;
using Pitstop.Benchmarks;
using static System.FormattableString;

namespace Pitstop.BudgetHotPath;

/// <summary>The benchmark's settings (command line, see <c>Program.cs</c> and benchmarks/README.md).</summary>
internal sealed record BenchOptions
{
    /// <summary>The targets, in the order they run: PostgreSQL mode first, on a fresh database.</summary>
    public static readonly IReadOnlyList<string> AllTargets =
        [TargetKeys.Budget, TargetKeys.Unbatched, TargetKeys.TopUp, TargetKeys.RawUpdate, TargetKeys.BudgetMemory, TargetKeys.Floor];

    /// <summary>The targets measured with <see cref="TopUpCallers"/> rather than <see cref="Callers"/>.</summary>
    public static readonly IReadOnlySet<string> TopUpTargets = new HashSet<string>(StringComparer.Ordinal) { TargetKeys.TopUp, TargetKeys.RawUpdate };

    public required string Postgres { get; init; }

    public int Callers { get; init; } = 64;

    /// <summary>
    /// Concurrent callers of the admin top-up and its raw UPDATE baseline: one, as an administrator
    /// tops up one budget at a time.
    /// </summary>
    public int TopUpCallers { get; init; } = 1;

    /// <summary>Measured awards per target; null: as many as <see cref="Duration"/> allows.</summary>
    public long? Awards { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// Unmeasured awards first (JIT, connection pools, a full window of recent transfer ids in the
    /// budget's memory: 8,192), or fewer if <see cref="WarmupLimit"/> comes first.
    /// </summary>
    public long Warmup { get; init; } = 10_000;

    public TimeSpan WarmupLimit { get; init; } = TimeSpan.FromSeconds(15);

    public long PointsPerAward { get; init; } = 10;

    public IReadOnlyList<string> Targets { get; init; } = AllTargets;

    /// <summary>Where to write the results as Markdown (for RESULTS.md), if anywhere.</summary>
    public string? MarkdownOut { get; init; }

    public string Describe()
    {
        var load = (Awards, Duration) switch
        {
            ({ } n, { } d) => Invariant($"{n:N0} awards or {d.TotalSeconds:0} s"),
            ({ } n, null) => Invariant($"{n:N0} awards"),
            (null, { } d) => Invariant($"{d.TotalSeconds:0} s"),
            _ => "?",
        };
        return Invariant($"{Callers} callers ({TopUpCallers} for the admin top-up and the raw UPDATE), {load} per target, warm-up {Warmup:N0} awards (at most {WarmupLimit.TotalSeconds:0} s), {PointsPerAward} points per award, one award per call");
    }

    public static BenchOptions From(Dictionary<string, string?> flags)
    {
        var awards = flags.TryGetValue("awards", out var a) && a is not null ? long.Parse(a, CultureInfo.InvariantCulture) : (long?)null;
        TimeSpan? duration = flags.TryGetValue("duration", out var d) && d is not null
            ? TimeSpan.FromSeconds(double.Parse(d, CultureInfo.InvariantCulture))
            : awards is null ? TimeSpan.FromSeconds(20) : null;
        var targets = flags.Text("targets", string.Join(',', AllTargets)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (targets.FirstOrDefault(t => !AllTargets.Contains(t)) is { } unknown)
        {
            throw new ArgumentException($"unknown target '{unknown}': use {string.Join(", ", AllTargets)}");
        }

        var options = new BenchOptions
        {
            Postgres = LoopbackOnly(flags.Required("postgres")),
            Callers = flags.Int("callers", 64),
            TopUpCallers = flags.Int("topup-callers", 1),
            Awards = awards,
            Duration = duration,
            Warmup = flags.Long("warmup", 10_000),
            WarmupLimit = TimeSpan.FromSeconds(flags.Double("warmup-seconds", 15)),
            PointsPerAward = flags.Long("points", 10),
            Targets = [.. AllTargets.Where(targets.Contains)],
            MarkdownOut = flags.TryGetValue("markdown", out var m) ? m : null,
        };
        if (options.Callers < 1 || options.TopUpCallers < 1 || options.Awards < 1 || options.Duration <= TimeSpan.Zero || options.Warmup < 0 || options.PointsPerAward < 1)
        {
            throw new ArgumentException("--callers, --topup-callers, --awards, --duration and --points must be positive, --warmup at least 0");
        }

        return options;
    }

    // The benchmark writes into the database it is given: only a server on this machine (the
    // throwaway one budget.sh starts), never one reached over the network by mistake.
    private static string LoopbackOnly(string connectionString)
    {
        var host = new NpgsqlConnectionStringBuilder(connectionString).Host ?? "";
        return host is "127.0.0.1" or "localhost" or "::1" || host.StartsWith('/')
            ? connectionString
            : throw new ArgumentException($"--postgres must point at a server on this machine (127.0.0.1), not '{host}'");
    }
}
