using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pitstop.Ingestion.Cost;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// Sends pre-encoded batches with N concurrent clients, each waiting for its acknowledgement before
/// sending the next — at full speed (closed loop) or, with a rate, each batch no earlier than its
/// time on a fixed schedule (<see cref="PacedSchedule"/>) — then, against the engine, polls the
/// dealership views until every accepted event has been applied.
/// </summary>
public sealed class LoadDriver(LoadOptions options, TextWriter log)
{
    private const int MaxProblems = 20;

    private readonly List<string> _problems = [];
    private readonly ConcurrentDictionary<string, long> _acceptedByDealership = new(StringComparer.Ordinal);
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    // The program's default monthly auto top-up cap per dealership (program.md, dealership budgets).
    private const long DefaultMonthlyCap = 2_000_000;

    private long _eventsSent;
    private int _batchesSent;
    private int _batchesFailed;
    private long _lastAckTicks;

    public async Task<RunResult> RunAsync(CancellationToken cancellation)
    {
        var network = options.Network();
        var (batches, types, month) = Generate(network);

        using var http = CreateClient(options.Target, options.Concurrency + 8, options.RequestTimeout);
        var views = new EngineViews(http, network, Math.Max(4, Math.Min(16, options.Concurrency)));
        IReadOnlyDictionary<string, long> appliedBefore = new Dictionary<string, long>();
        if (options.Kind == TargetKind.Engine)
        {
            if (options.Register)
            {
                var sw = Stopwatch.StartNew();
                await views.RegisterAsync(cancellation);
                Log($"registered {network.Dealerships.Count} dealerships in {sw.Elapsed.TotalSeconds:0.0} s");
                if (options.Month is null)
                {
                    // A funded network, as a brand runs it: enough in the pool for every budget's
                    // monthly auto top-up cap under the program's default policy.
                    var points = network.Dealerships.Count * DefaultMonthlyCap;
                    await new EngineBudgets(http, network, 4).MintAsync(points, options.RunId, cancellation);
                    Log($"minted {points:N0} points into the pool (budgets top themselves up from it)");
                }
            }

        }

        if (options.Warmup > 0)
        {
            await WarmUpAsync(http, network, views, cancellation);
        }

        if (options.Kind == TargetKind.Engine)
        {
            appliedBefore = await views.AppliedByDealershipAsync(cancellation)
                ?? throw new InvalidOperationException("could not read the dealership views before the load");
            var already = appliedBefore.Values.Sum();
            if (already > 0)
            {
                Log($"the engine had already applied {already:N0} events before the measured load (warm-up, earlier runs); they are subtracted");
            }
        }

        LeagueProbe? probe = null;
        if (options.LeagueProbe && options.Kind == TargetKind.Engine)
        {
            probe = new LeagueProbe(http, options.RunId);
            await probe.RegisterAsync(cancellation);
        }

        using var viewersStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        LiveViewers? viewers = null;
        if (probe is not null && options.LiveViewers > 0)
        {
            viewers = new LiveViewers(options.Target, options.LiveViewers, probe.Dealership, probe.Technician);
            var opening = Stopwatch.StartNew();
            await viewers.OpenAsync(viewersStop.Token);
            Log($"{options.LiveViewers:N0} live streams of the probe's board open in {opening.Elapsed.TotalSeconds:0.0} s");
        }

        // The measured window's cost starts here, once the warm-up's writes show in PostgreSQL's counters.
        var cost = options.CpuProcesses.Count > 0 || options.PostgresStats is not null
            ? new CostProbe(options.CpuProcesses, options.PostgresStats is { } pg ? new PostgresCounters(pg) : null)
            : null;
        if (cost is not null)
        {
            await cost.SettleAsync(cancellation);
            await cost.StartAsync(cancellation);
        }

        using var probeStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var probing = probe?.RunAsync(probeStop.Token) ?? Task.CompletedTask;
        var startedAt = DateTimeOffset.UtcNow;
        var latencies = new List<double>[options.Concurrency];
        var schedule = options is { Rate: { } rate, Duration: { } duration } ? new PacedSchedule(rate, options.BatchSize, duration) : null;
        var clock = Stopwatch.StartNew();
        var next = -1;
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var progress = ReportProgressAsync(clock, batches.Length, progressStop.Token);
        var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(batches.Length / options.Concurrency + 1);
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= batches.Length || (options.Duration is { } limit && clock.Elapsed >= limit) || cancellation.IsCancellationRequested)
                {
                    return;
                }

                if (schedule is not null)
                {
                    await schedule.WaitForTurnAsync(i, clock, cancellation);
                }

                await SendAsync(http, batches[i], clock, mine, cancellation);
                batches[i] = null!; // let the body go
            }
        }, cancellation)).ToList();
        await Task.WhenAll(workers);
        await probeStop.CancelAsync();
        var ackSeconds = TimeSpan.FromTicks(Interlocked.Read(ref _lastAckTicks)).TotalSeconds;
        await progressStop.CancelAsync();
        await progress;

        var latency = LatencySummary.From(latencies.Where(l => l is not null).SelectMany(l => l).ToList());
        Log(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged: {_accepted:N0} accepted, {_duplicates:N0} duplicates, {_rejected:N0} rejected, {_batchesFailed} failed batches, in {ackSeconds:0.00} s = {Rate(_accepted, ackSeconds):N0} events/s; ack latency p50 {latency.P50:0.0} ms, p99 {latency.P99:0.0} ms, max {latency.Max:0.0} ms"));
        var paced = schedule?.Result(_eventsSent);
        if (paced is not null)
        {
            Log(string.Create(CultureInfo.InvariantCulture,
                $"paced: {paced.SentEventsPerSecond:N0} of {paced.Rate:N0} events/s sent; behind schedule p99 {paced.BehindScheduleMs.P99:0.0} ms, max {paced.BehindScheduleMs.Max:0.0} ms"));
        }

        bool complete;
        long applied;
        double appliedSeconds;
        if (options.Kind == TargetKind.Engine)
        {
            Log($"waiting (at most {options.ApplyTimeout.TotalSeconds:0} s) until the dealership views show {_accepted:N0} more events applied");
            if (_duplicates > 0)
            {
                Log("  (duplicates were reported: only the total over all dealerships is exact, and it is polled less precisely)");
            }

            var targets = _acceptedByDealership.ToDictionary(a => a.Key, a => appliedBefore.GetValueOrDefault(a.Key) + a.Value, StringComparer.Ordinal);
            var wait = await views.WaitForAppliedAsync(appliedBefore, targets, _accepted, clock, options.ApplyTimeout, options.PollInterval,
                (seen, pending) => Log($"  applied {seen:N0} / {_accepted:N0} at {clock.Elapsed.TotalSeconds:0.0} s ({pending} dealerships still behind)"), cancellation);
            appliedSeconds = wait.CompletedAt.TotalSeconds;
            complete = wait.Reached;
            applied = wait.Applied;
            if (!complete)
            {
                AddProblem($"only {applied:N0} of {_accepted:N0} accepted events were applied {options.ApplyTimeout.TotalSeconds:0} s after the last acknowledgement");
            }
            else if (applied > _accepted)
            {
                AddProblem($"the views show {applied:N0} events applied for {_accepted:N0} accepted (other traffic, or events applied twice)");
            }
        }
        else
        {
            // The baseline has no later stage: what it acknowledged is done.
            complete = true;
            applied = _accepted;
            appliedSeconds = ackSeconds;
        }

        var costs = cost is null ? null : await cost.EndAsync(_accepted, cancellation);
        if (costs is not null)
        {
            Log(string.Create(CultureInfo.InvariantCulture,
                $"cost: CPU ms per event {string.Join(", ", costs.CpuSeconds.Select(c => $"{c.Key} {c.Value * 1000 / Math.Max(1, costs.Events):0.000}"))}{(costs.WalBytes is { } wal ? $"; WAL {wal / (double)Math.Max(1, costs.Events):N0} bytes per event" : "")}"));
        }

        // Only now: a probe still waiting for its score (up to a minute when boards lag) must not
        // hold back the wait above, whose clock would then measure the probe instead of the engine.
        await probing;
        LiveViewersResult? live = null;
        if (viewers is not null)
        {
            // A second for the last probe's score to reach the viewers, then the streams close.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            await viewersStop.CancelAsync();
            await viewers.CloseAsync();
            live = viewers.Result(probe!.Acknowledged);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"live: {live.ShareWithinOneSecond:P1} of {live.Probes:N0} score changes x {live.Viewers:N0} viewers within 1 s of the 202; {live.DelayMs}; {live.Missed:N0} never received, {live.BrokenStreams} streams broke"));
        }

        var result = new RunResult
        {
            Label = options.Label.Length > 0 ? options.Label : options.Kind.ToString().ToLowerInvariant(),
            Kind = options.Kind.ToString().ToLowerInvariant(),
            Target = options.Target.ToString(),
            RunId = options.RunId,
            Seed = options.Seed,
            Concurrency = options.Concurrency,
            BatchSize = options.BatchSize,
            StartedAt = startedAt,
            EventsSent = _eventsSent,
            BatchesSent = _batchesSent,
            BatchesFailed = _batchesFailed,
            Accepted = _accepted,
            Duplicates = _duplicates,
            Rejected = _rejected,
            AckSeconds = ackSeconds,
            AckEventsPerSecond = Rate(_accepted, ackSeconds),
            AckLatencyMs = latency,
            AppliedComplete = complete,
            AppliedEvents = applied,
            AppliedSeconds = appliedSeconds,
            AppliedEventsPerSecond = complete ? Rate(_accepted, appliedSeconds) : 0,
            ApplyLagSeconds = Math.Max(0, appliedSeconds - ackSeconds),
            EventTypes = types,
            Month = month,
            Paced = paced,
            League = probe?.Result(),
            Live = live,
            Cost = costs,
            Problems = _problems,
        };
        Log(string.Create(CultureInfo.InvariantCulture,
            $"applied: {(complete ? "all" : "NOT all")} {applied:N0} events in {appliedSeconds:0.00} s = {result.AppliedEventsPerSecond:N0} events/s (lag after last ack {result.ApplyLagSeconds:0.00} s)"));
        return result;
    }

    /// <summary>
    /// Sends a few batches of other events (their own ids) first, unmeasured, so that neither target
    /// is measured while its JIT compiles and its connection pools fill; against the engine, waits
    /// until they are applied.
    /// </summary>
    private async Task WarmUpAsync(HttpClient http, ServiceNetwork network, EngineViews views, CancellationToken cancellation)
    {
        var sw = Stopwatch.StartNew();
        var before = options.Kind == TargetKind.Engine
            ? await views.AppliedByDealershipAsync(cancellation) ?? throw new InvalidOperationException("could not read the dealership views")
            : new Dictionary<string, long>();
        var (batches, _) = Generate(network, options.Seed + 1, options.RunId + "-warmup", options.Warmup, quiet: true);
        long accepted = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < batches.Length)
            {
                using var content = new ByteArrayContent(batches[i].Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(new Uri("api/v1/events", UriKind.Relative), content, cancellation);
                var body = await response.Content.ReadAsByteArrayAsync(cancellation);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"warm-up batch {i}: HTTP {(int)response.StatusCode} {Excerpt(body)}");
                }

                using var answer = JsonDocument.Parse(body);
                Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
            }
        }, cancellation)));

        if (options.Kind == TargetKind.Engine)
        {
            var targets = batches.SelectMany(batch => batch.DealershipIds).GroupBy(id => id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => before.GetValueOrDefault(g.Key) + g.Count(), StringComparer.Ordinal);
            var wait = await views.WaitForAppliedAsync(before, targets, accepted, Stopwatch.StartNew(), options.ApplyTimeout, options.PollInterval, (_, _) => { }, cancellation);
            if (!wait.Reached)
            {
                AddProblem($"the {accepted:N0} warm-up events were not all applied within {options.ApplyTimeout.TotalSeconds:0} s");
            }
        }

        Log($"warm-up: {accepted:N0} events accepted{(options.Kind == TargetKind.Engine ? " and applied" : "")} in {sw.Elapsed.TotalSeconds:0.0} s (not measured)");
    }

    private (EncodedBatch[] Batches, IReadOnlyDictionary<string, long> Types, MonthStats? Month) Generate(ServiceNetwork network)
    {
        if (options.Month is { } month)
        {
            return GenerateMonth(network, month);
        }

        var (batches, types) = Generate(network, options.Seed, options.RunId, options.Events, quiet: false);
        return (batches, types, null);
    }

    private (EncodedBatch[] Batches, IReadOnlyDictionary<string, long> Types, MonthStats Month) GenerateMonth(ServiceNetwork network, RecoveryMonthOptions month)
    {
        var sw = Stopwatch.StartNew();
        var traffic = RecoveryMonth.Generate(network, month);
        var batches = traffic.Events.Chunk(options.BatchSize).Select((chunk, i) => BatchEncoder.Encode(i, chunk)).ToArray();
        var bytes = batches.Sum(b => (long)b.Body.Length);
        var stats = traffic.Stats;
        Log(string.Create(CultureInfo.InvariantCulture,
            $"generated a recovery month of {stats.Events:N0} events in {batches.Length:N0} batches ({bytes / 1024.0 / 1024.0:0.0} MiB) in {sw.Elapsed.TotalSeconds:0.0} s: {stats.VisitsCompleted:N0} visits completed, {stats.FrictionShare:P1} with friction, {stats.Total.Incidents:N0} incidents; network: {network.Dealerships.Count} dealerships in {network.StateCount} states, {network.CustomerCount:N0} customers"));
        return (batches, stats.EventTypes, stats);
    }

    private (EncodedBatch[] Batches, IReadOnlyDictionary<string, long> Types) Generate(ServiceNetwork network, int seed, string runId, long events, bool quiet)
    {
        var sw = Stopwatch.StartNew();
        var generator = new TrafficGenerator(network, new TrafficOptions
        {
            Seed = seed,
            RunId = runId,
            End = options.End ?? DateTimeOffset.UtcNow,
            History = options.History,
            ExpectedEvents = events,
            ReversalShare = options.ReversalShare,
        });
        var count = (int)((events + options.BatchSize - 1) / options.BatchSize);
        var batches = new EncodedBatch[count];
        var left = events;
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var size = (int)Math.Min(options.BatchSize, left);
            batches[i] = BatchEncoder.Encode(i, generator.NextBatch(size));
            bytes += batches[i].Body.Length;
            left -= size;
        }

        if (quiet)
        {
            return (batches, generator.Counts.ToDictionary());
        }

        Log(string.Create(CultureInfo.InvariantCulture,
            $"generated {generator.Generated:N0} events in {count:N0} batches ({bytes / 1024.0 / 1024.0:0.0} MiB, {bytes / Math.Max(1, generator.Generated)} bytes/event) in {sw.Elapsed.TotalSeconds:0.0} s; network: {network.Dealerships.Count} dealerships in {network.StateCount} states, {network.StaffCount:N0} staff, {network.CustomerCount:N0} customers"));
        return (batches, new SortedDictionary<string, long>(generator.Counts.ToDictionary(), StringComparer.Ordinal));
    }

    private async Task SendAsync(HttpClient http, EncodedBatch batch, Stopwatch clock, List<double> latencies, CancellationToken cancellation)
    {
        var started = clock.Elapsed;
        Interlocked.Add(ref _eventsSent, batch.EventCount);
        Interlocked.Increment(ref _batchesSent);
        try
        {
            using var content = new ByteArrayContent(batch.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("api/v1/events", UriKind.Relative), content, cancellation);
            var body = await response.Content.ReadAsByteArrayAsync(cancellation);
            var ended = clock.Elapsed;
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref _batchesFailed);
                AddProblem($"batch {batch.Index}: HTTP {(int)response.StatusCode} {Excerpt(body)}");
                return;
            }

            latencies.Add((ended - started).TotalMilliseconds);
            InterlockedMax(ref _lastAckTicks, ended.Ticks);
            using var answer = JsonDocument.Parse(body);
            var root = answer.RootElement;
            Interlocked.Add(ref _accepted, root.GetProperty("accepted").GetInt64());
            if (root.TryGetProperty("duplicates", out var duplicates))
            {
                Interlocked.Add(ref _duplicates, duplicates.GetInt64());
            }

            var rejectedIndexes = new HashSet<int>();
            if (root.TryGetProperty("rejected", out var rejected) && rejected.ValueKind == JsonValueKind.Array && rejected.GetArrayLength() > 0)
            {
                Interlocked.Add(ref _rejected, rejected.GetArrayLength());
                AddProblem($"batch {batch.Index}: {rejected.GetArrayLength()} rejected, first: {rejected[0].GetRawText()}");
                foreach (var r in rejected.EnumerateArray())
                {
                    if (r.TryGetProperty("index", out var index) && index.TryGetInt32(out var i))
                    {
                        rejectedIndexes.Add(i);
                    }
                }
            }

            // What each dealership's view should show once this batch is applied (exact unless there were duplicates).
            for (var i = 0; i < batch.DealershipIds.Length; i++)
            {
                if (!rejectedIndexes.Contains(i))
                {
                    _acceptedByDealership.AddOrUpdate(batch.DealershipIds[i], 1, (_, n) => n + 1);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellation.IsCancellationRequested)
        {
            Interlocked.Increment(ref _batchesFailed);
            AddProblem($"batch {batch.Index}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task ReportProgressAsync(Stopwatch clock, int batches, CancellationToken stop)
    {
        try
        {
            long previous = 0;
            var previousTime = TimeSpan.Zero;
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
                var accepted = Interlocked.Read(ref _accepted);
                var now = clock.Elapsed;
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"  {now.TotalSeconds:0} s: {Volatile.Read(ref _batchesSent):N0}/{batches:N0} batches, {accepted:N0} accepted, {(accepted - previous) / (now - previousTime).TotalSeconds:N0} events/s now, {_batchesFailed} failed"));
                previous = accepted;
                previousTime = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void AddProblem(string problem)
    {
        lock (_problems)
        {
            if (_problems.Count < MaxProblems)
            {
                _problems.Add(problem);
                Log($"  problem: {problem}");
            }
        }
    }

    private void Log(string message)
    {
        lock (log)
        {
            log.WriteLine($"[{options.Kind.ToString().ToLowerInvariant()}] {message}");
        }
    }

    public static HttpClient CreateClient(Uri target, int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var baseAddress = target.AbsoluteUri.EndsWith('/') ? target : new Uri(target.AbsoluteUri + "/");
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        // The engine wants a credential (the baseline ignores it); run.sh makes one for the run.
        if (Environment.GetEnvironmentVariable("PITSTOP_API_KEY") is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private static double Rate(long events, double seconds) => seconds > 0 ? events / seconds : 0;

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.Length <= 300 ? text : text[..300] + "...";
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
