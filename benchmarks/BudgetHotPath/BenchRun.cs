using System.Globalization;
using Npgsql;
using Pitstop.BudgetHotPath.Hosting;
using Pitstop.BudgetHotPath.Load;
using Pitstop.BudgetHotPath.Report;
using Pitstop.BudgetHotPath.Targets;
using Pitstop.Grains.Interfaces.Ledger;
using static System.FormattableString;

namespace Pitstop.BudgetHotPath;

/// <summary>
/// Runs the targets one after the other with the same callers and load: the PostgreSQL ones in a
/// silo of the PostgreSQL mode, then the others in an embedded silo (never both at once: the
/// machine is the measured thing).
/// </summary>
internal sealed class BenchRun(BenchOptions options, TextWriter log)
{
    // Far more than any run awards, so that the budget never drops below the auto top-up
    // threshold (100,000 by default) and the pool is never asked during the load.
    private const long Funding = 1_000_000_000_000;

    private const string PostgresBudget =
        "the figure: the engine's BudgetGrain in PostgreSQL mode (BatchedGrainStorage, PostgreSQL ledger journal), reentrant, " +
        "concurrent awards sharing the writes of its settle loop; funded once (mint, then TopUpAsync) with far more than the run awards";

    private const string EmbeddedBudget =
        "the same BudgetGrain in the embedded mode, without a database: Orleans' memory grain storage (which serializes each " +
        "write as JSON and hands it to a storage grain) and the in-memory journal";

    // Unique per run: a budget remembers recent transfer ids, so ids must never repeat across runs.
    private readonly string _runTag = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<PhaseResult>> RunAsync(CancellationToken cancellation)
    {
        var results = new List<PhaseResult>();
        if (options.Targets.Any(t => t is TargetKeys.Budget or TargetKeys.Unbatched or TargetKeys.TopUp or TargetKeys.RawUpdate))
        {
            Log("starting a silo in PostgreSQL mode (schema applied at start)");
            await using var silo = await InProcessSilo.StartAsync(options.Postgres, cancellation);
            await using var dataSource = NpgsqlDataSource.Create(options.Postgres);
            var versions = new StateVersions(dataSource, silo.Settings.ServiceId);
            const string storage = "PostgreSQL";
            if (options.Targets.Contains(TargetKeys.Budget))
            {
                results.Add(await RunPhaseAsync(TargetKeys.Budget, new EngineBudgetTarget(silo.Grains, silo.Journal, versions, Dealership("PG"), storage, PostgresBudget), cancellation));
            }

            if (options.Targets.Contains(TargetKeys.Unbatched))
            {
                results.Add(await RunPhaseAsync(TargetKeys.Unbatched, new UnbatchedBudgetTarget(silo.Grains, silo.Journal, versions, Dealership("UNBATCHED"), storage), cancellation));
            }

            if (options.Targets.Contains(TargetKeys.TopUp))
            {
                results.Add(await RunPhaseAsync(TargetKeys.TopUp, new AdminTopUpTarget(silo.Grains, versions, Dealership("TOPUP")), cancellation));
            }

            if (options.Targets.Contains(TargetKeys.RawUpdate))
            {
                results.Add(await RunPhaseAsync(TargetKeys.RawUpdate, new RawUpdateTarget(dataSource), cancellation));
            }
        }

        if (options.Targets.Any(t => t is TargetKeys.BudgetMemory or TargetKeys.Floor))
        {
            Log("starting a silo in embedded mode (memory storage and journal)");
            await using var silo = await InProcessSilo.StartAsync(postgres: null, cancellation);
            if (options.Targets.Contains(TargetKeys.BudgetMemory))
            {
                results.Add(await RunPhaseAsync(TargetKeys.BudgetMemory, new EngineBudgetTarget(silo.Grains, silo.Journal, versions: null, Dealership("MEM"), "memory (embedded)", EmbeddedBudget), cancellation));
            }

            if (options.Targets.Contains(TargetKeys.Floor))
            {
                results.Add(await RunPhaseAsync(TargetKeys.Floor, new CallFloorTarget(silo.Grains, Dealership("FLOOR")), cancellation));
            }
        }

        return results;
    }

    private async Task<PhaseResult> RunPhaseAsync(string key, IAwardTarget target, CancellationToken cancellation)
    {
        var label = $"{target.Name}, {target.Storage}";
        Log($"{label}: funding");
        await target.PrepareAsync(Funding);

        long sequence = 0;
        var prefix = $"bench-{_runTag}-{key}";
        Task<bool> Call()
        {
            var n = Interlocked.Increment(ref sequence);
            // Many members, as at a real dealership; none is called (only pending awards are announced).
            var member = new MemberRef(MemberKind.Customer, Invariant($"C-{(n % 100_000) + 1:D7}"));
            return target.AwardAsync(new AwardRequest(Invariant($"{prefix}-{n}"), member, options.PointsPerAward, "benchmark"));
        }

        var loop = new ClosedLoop(BenchOptions.TopUpTargets.Contains(key) ? options.TopUpCallers : options.Callers);
        var warmup = options.Warmup > 0
            ? await loop.RunAsync(Call, options.Warmup, options.WarmupLimit, cancellation)
            : new LoadResult(0, 0, 0, TimeSpan.Zero, LatencySummary.From([]), null);
        Log(Invariant($"{label}: warm-up {warmup.Completed:N0} awards in {warmup.Elapsed.TotalSeconds:0.0} s ({warmup.PerSecond:N0}/s)"));

        var writesBefore = await target.StateWritesAsync();
        var loadAverage = LoadAverage();
        Log($"{label}: measuring ({options.Describe()}; load average {loadAverage})");
        var load = await loop.RunAsync(Call, options.Awards, options.Duration, cancellation);
        var writesAfter = await target.StateWritesAsync();
        Log(Invariant($"{label}: {load.Completed:N0} awards in {load.Elapsed.TotalSeconds:0.00} s: {load.PerSecond:N0}/s, p50 {load.Latency.P50:0.00} ms, p99 {load.Latency.P99:0.00} ms"));

        var problems = new List<string>();
        foreach (var (phase, result) in new[] { ("warm-up", warmup), ("load", load) })
        {
            if (result.Failed > 0)
            {
                problems.Add(Invariant($"{result.Failed:N0} calls failed during the {phase}; first: {result.FirstError}"));
            }

            if (result.Unfunded > 0)
            {
                problems.Add(Invariant($"{result.Unfunded:N0} awards were not funded during the {phase} (the budget was funded for all)"));
            }
        }

        var awards = warmup.Completed + load.Completed;
        problems.AddRange(await target.VerifyAsync(awards, awards * options.PointsPerAward));
        foreach (var problem in problems)
        {
            Log($"{label}: PROBLEM: {problem}");
        }

        return new PhaseResult(key, target.Name, target.Storage, target.Description, warmup, load, writesAfter - writesBefore, loadAverage, problems);
    }

    private string Dealership(string kind) => $"DLR-BENCH-{kind}-{_runTag}";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private void Log(string message) => log.WriteLine(Invariant($"[{DateTime.Now:HH:mm:ss}] {message}"));
}
