using System.Diagnostics;
using System.Globalization;

namespace Pitstop.Ingestion.Cost;

/// <summary>
/// What the measured window cost: CPU seconds of the named processes (the silo, the API, the
/// PostgreSQL server with all its backends), and, given the database, the rows written by table
/// and the WAL written. Read once when the measured load starts and once when it is applied.
/// </summary>
public sealed class CostProbe(IReadOnlyList<MeasuredProcess> processes, PostgresCounters? postgres)
{
    private Dictionary<string, double?> _cpuBefore = [];
    private Dictionary<string, TableRows> _tablesBefore = [];
    private WalPosition? _walBefore;
    private TimeSpan _driverBefore;
    private long _startedAt;

    /// <summary>
    /// Parses <c>--cpu name=pid[+],…</c>: a trailing <c>+</c> counts the process's children too
    /// (PostgreSQL's postmaster and its backends).
    /// </summary>
    public static IReadOnlyList<MeasuredProcess> ParseProcesses(string spec) => spec
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(item =>
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var pid = eq > 0 ? item[(eq + 1)..] : "";
            var tree = pid.EndsWith('+');
            return eq > 0 && int.TryParse(tree ? pid[..^1] : pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new MeasuredProcess(item[..eq], id, tree)
                : throw new ArgumentException($"--cpu takes name=pid or name=pid+ items, not '{item}'");
        })
        .ToList();

    /// <summary>Waits until PostgreSQL's table counters show the writes so far (the window must not start with some pending).</summary>
    public Task SettleAsync(CancellationToken cancellation) =>
        postgres is null ? Task.CompletedTask : Task.Delay(PostgresCounters.StatsSettle, cancellation);

    public async Task StartAsync(CancellationToken cancellation)
    {
        if (postgres is not null)
        {
            _tablesBefore = await postgres.TablesAsync(cancellation);
            _walBefore = await postgres.WalAsync(cancellation);
        }

        _cpuBefore = processes.ToDictionary(p => p.Name, p => ProcessCpu.Seconds(p.Pid, p.Tree), StringComparer.Ordinal);
        _driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The window ends now for CPU and WAL; the table counters are read once they have settled.</summary>
    public async Task<CostResult> EndAsync(long events, CancellationToken cancellation)
    {
        var seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var cpu = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var gone = new List<string>();
        foreach (var p in processes)
        {
            if (ProcessCpu.Seconds(p.Pid, p.Tree) is { } after && _cpuBefore[p.Name] is { } before)
            {
                cpu[p.Name] = after - before;
            }
            else
            {
                gone.Add(p.Name);
            }
        }

        cpu["load driver"] = (Process.GetCurrentProcess().TotalProcessorTime - _driverBefore).TotalSeconds;
        WalPosition? walAfter = null;
        SortedDictionary<string, TableRows>? rows = null;
        if (postgres is not null)
        {
            walAfter = await postgres.WalAsync(cancellation);
            await Task.Delay(PostgresCounters.StatsSettle, cancellation);
            var tables = await postgres.TablesAsync(cancellation);
            rows = new SortedDictionary<string, TableRows>(StringComparer.Ordinal);
            foreach (var (table, after) in tables)
            {
                var delta = _tablesBefore.TryGetValue(table, out var before) ? after.Minus(before) : after;
                if (delta.Total > 0)
                {
                    rows[table] = delta;
                }
            }
        }

        return new CostResult
        {
            Events = events,
            WindowSeconds = seconds,
            CpuSeconds = cpu,
            ProcessesGone = gone,
            Rows = rows,
            WalStart = _walBefore?.Lsn,
            WalEnd = walAfter?.Lsn,
            WalBytes = walAfter is not null && _walBefore is not null ? walAfter.Bytes - _walBefore.Bytes : null,
        };
    }
}

/// <summary>A process whose CPU is measured: by name in the report, its pid, and whether its children count.</summary>
public sealed record MeasuredProcess(string Name, int Pid, bool Tree);

/// <summary>What the measured window cost, in all and per event.</summary>
public sealed record CostResult
{
    public required long Events { get; init; }

    public required double WindowSeconds { get; init; }

    /// <summary>CPU seconds by process over the window (the load driver's own included).</summary>
    public required IReadOnlyDictionary<string, double> CpuSeconds { get; init; }

    /// <summary>Processes that were no longer running at the end (no figure for them).</summary>
    public required IReadOnlyList<string> ProcessesGone { get; init; }

    /// <summary>Rows written by table over the window; null without the database.</summary>
    public IReadOnlyDictionary<string, TableRows>? Rows { get; init; }

    public string? WalStart { get; init; }

    public string? WalEnd { get; init; }

    public long? WalBytes { get; init; }

    /// <summary>WAL bytes by table (pg_waldump, added by the script afterwards); null when not attributed.</summary>
    public IReadOnlyDictionary<string, long>? WalBytesByTable { get; init; }
}
