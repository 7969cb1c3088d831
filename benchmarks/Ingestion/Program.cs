using System.Globalization;
using System.Text.Json;
using Pitstop.Benchmarks;
using Pitstop.Ingestion.Cost;
using Pitstop.Ingestion.Load;
using Pitstop.Ingestion.Traffic;

// The ingestion benchmark and the recovery month. See benchmarks/README.md.
//
//   run          --target URL [--kind engine|baseline] [--events N] [--duration S [--rate R]] [--concurrency C] [--batch B]
//                [--seed S] [--run-id ID] [--end TIME] [--history-hours H] [--reversal-share F] [--warmup N] [--no-register] [--league-probe [--live-viewers N]]
//                [--apply-timeout S] [--label L] [--json FILE] [--strict] [--centres N (150; 120 for a month)]
//                [--cpu name=pid[+],… (+: with its children)] [--pg-stats CONNECTION_STRING]
//                [--traffic month [--days D] [--visits-per-day V] [--friction-share F]]
//   register     --target URL [--centres N (150)]  register the network's dealerships only
//   sample       [--events N] [--seed S] [--run-id ID] [--end TIME]  one indented batch of generated traffic on stdout
//   report       --engine FILE [--baseline FILE] [--floor FILE] [--paced FILE] [--markdown] [--mix] [--problems]
//                --engine FILE --aged FILE [--markdown] [--problems]   (benchmarks/aged.sh: fresh against aged)
//   month        [--centres N (120)] [--days D] [--visits-per-day V] [--friction-share F] [--seed S] [--end TIME]
//                [--markdown] [--json FILE] [--sample N [--type T]]   generate a recovery month, check it, print what it holds
//   fund         --target URL --points N [--centres N (120)] [--threshold N] [--amount N] [--monthly-cap N] [--run-id ID]
//   analytics    --target URL --engine FILE --out FILE [--budgets-out FILE] [--settle S] [--timeout S]
//   month-report --engine FILE --analytics FILE [--budgets FILE] [--markdown]
try
{
    var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "run";
    var flags = Flags.Parse(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };

    switch (command)
    {
        case "run":
        {
            var options = LoadFlags.ToLoadOptions(flags);
            Console.Error.WriteLine($"load: {options.Describe()}");
            var result = await new LoadDriver(options, Console.Error).RunAsync(cancel.Token);
            if (options.JsonOut is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, RunResult.Json), cancel.Token);
            }

            Console.WriteLine(Report.Table(result, null, markdown: false, firstColumn: result.Label));
            if (result.Paced is { } paced)
            {
                Console.WriteLine(PacedReport.Title(result, paced));
                Console.WriteLine(PacedReport.Table(result, paced, markdown: false));
            }

            return flags.ContainsKey("strict") && (result.Problems.Count > 0 || !result.AppliedComplete) ? 1 : 0;
        }

        case "register":
        {
            var target = LoadOptions.LoopbackOnly(flags.Required("target"));
            using var http = LoadDriver.CreateClient(target, 16, TimeSpan.FromMinutes(1));
            var centres = LoadFlags.Centres(flags, ServiceNetwork.DefaultDealerships);
            var network = new ServiceNetwork(flags.Int("seed", 42), centres, centres * ServiceNetwork.CustomersPerDealership);
            await new EngineViews(http, network, 8).RegisterAsync(cancel.Token);
            Console.Error.WriteLine($"registered {network.Dealerships.Count} dealerships at {target}");
            return 0;
        }

        case "sample":
        {
            var network = new ServiceNetwork(flags.Int("seed", 42));
            var generator = new TrafficGenerator(network, new TrafficOptions
            {
                Seed = flags.Int("seed", 42),
                RunId = flags.Text("run-id", "sample"),
                ExpectedEvents = flags.Long("expected", 100_000),
                End = flags.Time("end") ?? DateTimeOffset.UtcNow,
            });
            var skip = flags.Long("skip", 0);
            for (long i = 0; i < skip; i++)
            {
                generator.Next();
            }

            var batch = BatchEncoder.Encode(0, generator.NextBatch(flags.Int("events", 20)), indented: !flags.ContainsKey("compact"));
            await Console.OpenStandardOutput().WriteAsync(batch.Body, cancel.Token);
            Console.WriteLine();
            return 0;
        }

        case "report":
        {
            var engine = await RunResult.ReadAsync(flags.Required("engine"), cancel.Token);
            var baseline = flags.TryGetValue("baseline", out var b) && b is not null ? await RunResult.ReadAsync(b, cancel.Token) : null;
            var pacedRun = flags.TryGetValue("paced", out var p) && p is not null ? await RunResult.ReadAsync(p, cancel.Token) : null;
            var floor = flags.TryGetValue("floor", out var f) && f is not null ? await RunResult.ReadAsync(f, cancel.Token) : null;
            var aged = flags.TryGetValue("aged", out var a) && a is not null ? await RunResult.ReadAsync(a, cancel.Token) : null;
            var markdown = flags.ContainsKey("markdown");
            if (aged is not null)
            {
                // benchmarks/aged.sh: the engine's run is the fresh one, set against the aged one.
                Console.Write(AgedReport.Table(engine, aged, markdown));
                Console.WriteLine();
                Console.Write(CostReport.Table([engine, aged], markdown));
                if (flags.ContainsKey("problems"))
                {
                    Console.WriteLine();
                    Console.WriteLine($"Problems (fresh):{Environment.NewLine}{Report.Problems(engine)}");
                    Console.WriteLine($"Problems (aged):{Environment.NewLine}{Report.Problems(aged)}");
                }

                return 0;
            }

            Console.Write(Report.Table(engine, baseline, markdown));
            if (floor is not null)
            {
                Console.WriteLine();
                Console.WriteLine(markdown ? "The floor of the shape (`benchmarks/Floor`), same load:" : "the floor of the shape (benchmarks/Floor), same load:");
                Console.WriteLine();
                Console.Write(ShapeReport.Table(engine, floor, baseline, markdown));
            }
            if (flags.ContainsKey("mix"))
            {
                Console.WriteLine();
                Console.WriteLine(markdown ? $"Event mix: {Report.Mix(engine)}" : $"event mix: {Report.Mix(engine)}");
            }

            if (pacedRun?.Paced is { } paced)
            {
                Console.WriteLine();
                Console.WriteLine(PacedReport.Title(pacedRun, paced));
                Console.WriteLine();
                Console.Write(PacedReport.Table(pacedRun, paced, markdown));
            }

            var costs = CostReport.Table([engine, .. new[] { floor, baseline, pacedRun }.OfType<RunResult>()], markdown);
            if (costs.Length > 0)
            {
                Console.WriteLine();
                Console.WriteLine(markdown ? "Cost per event over each measured window (CPU from /proc, rows from pg_stat_user_tables, WAL from pg_current_wal_lsn):" : "cost per event over each measured window:");
                Console.WriteLine();
                Console.Write(costs);
                if (pacedRun is not null && CostReport.PacedCpuLine(engine, pacedRun, markdown) is { Length: > 0 } line)
                {
                    Console.WriteLine();
                    Console.WriteLine(line);
                }
            }

            if (flags.ContainsKey("problems"))
            {
                Console.WriteLine();
                Console.WriteLine($"Problems (engine):{Environment.NewLine}{Report.Problems(engine)}");
                if (baseline is not null)
                {
                    Console.WriteLine($"Problems (baseline):{Environment.NewLine}{Report.Problems(baseline)}");
                }

                if (floor is not null)
                {
                    Console.WriteLine($"Problems (floor):{Environment.NewLine}{Report.Problems(floor)}");
                }

                if (pacedRun is not null)
                {
                    Console.WriteLine($"Problems (paced):{Environment.NewLine}{Report.Problems(pacedRun)}");
                }
            }

            return 0;
        }

        case "month":
            return await MonthCommands.DryRunAsync(flags, cancel.Token);

        case "fund":
            return await MonthCommands.FundAsync(flags, cancel.Token);

        case "analytics":
            return await MonthCommands.AnalyticsAsync(flags, cancel.Token);

        case "month-report":
            return await MonthCommands.ReportAsync(flags, cancel.Token);

        default:
            Console.Error.WriteLine($"unknown command '{command}': run | register | sample | report | month | fund | analytics | month-report (see benchmarks/README.md)");
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (InvalidOperationException ex)
{
    // The engine refused or lacks something a command needs (a route, a registration, funds).
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

/// <summary>The load driver's flags, read into its options.</summary>
internal static class LoadFlags
{
    public static LoadOptions ToLoadOptions(Dictionary<string, string?> flags)
    {
        var kind = flags.Text("kind", "engine") switch
        {
            "engine" => TargetKind.Engine,
            "baseline" => TargetKind.Baseline,
            var other => throw new ArgumentException($"--kind must be engine or baseline, not '{other}'"),
        };
        var runId = flags.Text("run-id", "bench-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        var month = flags.Text("traffic", "regular") switch
        {
            "regular" => null,
            "month" => Month(flags, runId),
            var other => throw new ArgumentException($"--traffic must be regular or month, not '{other}'"),
        };
        if (month is not null && (flags.ContainsKey("events") || flags.Long("warmup", 0) > 0))
        {
            // The month's size is its own, and warm-up traffic would add incidents of its own to the month's analytics.
            throw new ArgumentException("--traffic month takes neither --events nor a warm-up (--warmup 0)");
        }

        TimeSpan? duration = flags.TryGetValue("duration", out var d) && d is not null ? TimeSpan.FromSeconds(double.Parse(d, CultureInfo.InvariantCulture)) : null;
        double? rate = flags.ContainsKey("rate") ? flags.Double("rate", 0) : null;
        if (rate is not null && (rate <= 0 || duration is null || flags.ContainsKey("events") || month is not null))
        {
            // A paced load's size is its rate times its duration; the recovery month has a size of its own.
            throw new ArgumentException("--rate must be above 0 and takes --duration, neither --events nor --traffic month");
        }

        var events = rate is { } r && duration is { } span
            ? (long)Math.Ceiling(r * span.TotalSeconds)
            : flags.Long("events", duration is null ? 100_000 : 1_000_000);
        var concurrency = flags.Int("concurrency", 8);
        var batch = flags.Int("batch", 100);
        if (events < 1 || concurrency < 1 || batch is < 1 or > 1000)
        {
            throw new ArgumentException("--events and --concurrency must be at least 1, --batch 1..1000");
        }

        return new LoadOptions
        {
            Target = LoadOptions.LoopbackOnly(flags.Required("target")),
            Kind = kind,
            Label = flags.Text("label", ""),
            Events = events,
            Duration = duration,
            Rate = rate,
            Concurrency = concurrency,
            BatchSize = batch,
            Seed = flags.Int("seed", 42),
            RunId = runId,
            History = TimeSpan.FromHours(flags.Double("history-hours", 48)),
            End = flags.Time("end"),
            ReversalShare = flags.Double("reversal-share", 0.002),
            Dealerships = Centres(flags, month is null ? ServiceNetwork.DefaultDealerships : RecoveryMonthOptions.DefaultCentres),
            Month = month,
            Register = !flags.ContainsKey("no-register"),
            Warmup = flags.Long("warmup", month is null ? 2_000 : 0),
            ApplyTimeout = TimeSpan.FromSeconds(flags.Double("apply-timeout", 600)),
            PollInterval = TimeSpan.FromMilliseconds(flags.Double("poll-ms", 200)),
            JsonOut = flags.TryGetValue("json", out var json) ? json : null,
            LeagueProbe = flags.ContainsKey("league-probe"),
            LiveViewers = LiveViewerCount(flags),
            CpuProcesses = flags.TryGetValue("cpu", out var cpu) && cpu is not null ? CostProbe.ParseProcesses(cpu) : [],
            PostgresStats = flags.TryGetValue("pg-stats", out var pg) ? pg : null,
        };
    }

    /// <summary>The recovery month's flags (<c>--days --visits-per-day --friction-share</c>, with <c>--seed --end</c>).</summary>
    public static RecoveryMonthOptions Month(Dictionary<string, string?> flags, string runId)
    {
        var month = new RecoveryMonthOptions
        {
            Seed = flags.Int("seed", 42),
            RunId = runId,
            End = flags.Time("end") ?? DateTimeOffset.UtcNow,
            Days = flags.Int("days", 30),
            VisitsPerDay = flags.Double("visits-per-day", 30),
            FrictionShare = flags.Double("friction-share", 0.14),
        };
        month.Validate();
        return month;
    }

    public static int Centres(Dictionary<string, string?> flags, int fallback) => flags.Int("centres", fallback);

    /// <summary>Live streams of the probe's board (--live-viewers); they watch the league probe, so they take it.</summary>
    private static int LiveViewerCount(Dictionary<string, string?> flags)
    {
        var viewers = flags.Int("live-viewers", 0);
        if (viewers < 0 || (viewers > 0 && !flags.ContainsKey("league-probe")))
        {
            throw new ArgumentException("--live-viewers must be at least 0 and takes --league-probe (the viewers watch its board)");
        }

        return viewers;
    }
}
