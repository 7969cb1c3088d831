using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Pitstop.Benchmarks;
using Pitstop.Ingestion.Load;
using Pitstop.Ingestion.Traffic;

/// <summary>The commands of the recovery month (benchmarks/recovery.sh runs them in turn).</summary>
internal static class MonthCommands
{
    /// <summary>
    /// <c>month</c>: generates the month without sending it and prints what it holds, after
    /// checking what the intake relies on: time order, every event within the month, unique ids,
    /// batches within the 1 MiB limit. <c>--sample N [--type T]</c> prints N of its events.
    /// </summary>
    public static async Task<int> DryRunAsync(Dictionary<string, string?> flags, CancellationToken cancellation)
    {
        // A fixed run id by default: with --end, the same flags print the same digest.
        var month = LoadFlags.Month(flags, flags.Text("run-id", "month"));
        var centres = LoadFlags.Centres(flags, RecoveryMonthOptions.DefaultCentres);
        var network = new ServiceNetwork(month.Seed, centres, centres * ServiceNetwork.CustomersPerDealership);
        var traffic = RecoveryMonth.Generate(network, month);
        var (events, stats) = (traffic.Events, traffic.Stats);
        var batches = events.Chunk(flags.Int("batch", 100)).Select((chunk, i) => BatchEncoder.Encode(i, chunk)).ToList();
        var problems = new List<string>();
        if (events.Zip(events.Skip(1)).Count(p => p.Second.OccurredAt < p.First.OccurredAt) is var disorder and > 0)
        {
            problems.Add($"{disorder} events are earlier than the one before them");
        }

        if (events.Count(e => e.OccurredAt < stats.From || e.OccurredAt >= stats.To) is var outside and > 0)
        {
            problems.Add($"{outside} events fall outside the month");
        }

        if (events.Count - events.Select(e => (e.Source, e.Id)).Distinct().Count() is var duplicates and > 0)
        {
            problems.Add($"{duplicates} events repeat the (source, id) of another");
        }

        if (batches.Count(b => b.Body.Length > 1024 * 1024) is var oversized and > 0)
        {
            problems.Add($"{oversized} batches are over 1 MiB");
        }

        Console.Write(MonthReport.Month(stats, markdown: flags.ContainsKey("markdown")));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{batches.Count:N0} batches, {batches.Sum(b => (long)b.Body.Length) / 1024.0 / 1024.0:0.0} MiB, largest {batches.Max(b => b.Body.Length) / 1024.0:0} KiB, SHA-256 of the bodies {Digest(batches)}; event mix: {string.Join(", ", stats.EventTypes.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {t.Value:N0}"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network: {network.Dealerships.Count} centres ({string.Join(", ", network.Dealerships.GroupBy(d => d.State).Select(g => $"{g.Key} {g.Count()}"))}), {network.CustomerCount:N0} customers"));
        Console.WriteLine(problems.Count == 0 ? "checks: time order, within the month, unique ids, batch sizes: all pass" : "checks FAILED: " + string.Join("; ", problems));
        if (flags.TryGetValue("json", out var json) && json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(stats, RunResult.Json), cancellation);
        }

        if (flags.Int("sample", 0) is var sample and > 0)
        {
            var type = flags.Text("type", "");
            var chosen = events.Where(e => type.Length == 0 || e.Type == type).Take(sample).ToList();
            await Console.OpenStandardOutput().WriteAsync(BatchEncoder.Encode(0, chosen, indented: true).Body, cancellation);
            Console.WriteLine();
        }

        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary><c>fund</c>: mints points into the brand pool and sets every dealership's auto top-up policy.</summary>
    public static async Task<int> FundAsync(Dictionary<string, string?> flags, CancellationToken cancellation)
    {
        var target = LoadOptions.LoopbackOnly(flags.Required("target"));
        var centres = LoadFlags.Centres(flags, RecoveryMonthOptions.DefaultCentres);
        var network = new ServiceNetwork(flags.Int("seed", 42), centres, centres * ServiceNetwork.CustomersPerDealership);
        var points = long.Parse(flags.Required("points"), CultureInfo.InvariantCulture);
        var (threshold, amount, cap) = (flags.Long("threshold", 100_000), flags.Long("amount", 500_000), flags.Long("monthly-cap", 2_000_000));
        using var http = LoadDriver.CreateClient(target, 16, TimeSpan.FromMinutes(1));
        var budgets = new EngineBudgets(http, network, 8);
        await budgets.MintAsync(points, flags.Text("run-id", "month"), cancellation);
        await budgets.SetPolicyAsync(threshold, amount, cap, cancellation);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"minted {points:N0} points into the pool; {centres} dealerships top up {amount:N0} below {threshold:N0}, at most {cap:N0} a month"));
        return 0;
    }

    /// <summary>
    /// <c>analytics</c>: once the month is applied, waits for the recovery analytics to settle and
    /// writes them (<c>--out</c>) and every budget (<c>--budgets-out</c>) as the engine answers.
    /// </summary>
    public static async Task<int> AnalyticsAsync(Dictionary<string, string?> flags, CancellationToken cancellation)
    {
        var target = LoadOptions.LoopbackOnly(flags.Required("target"));
        var month = (await RunResult.ReadAsync(flags.Required("engine"), cancellation)).Month
            ?? throw new ArgumentException("--engine holds no recovery month (run it with --traffic month)");
        using var http = LoadDriver.CreateClient(target, 4, TimeSpan.FromMinutes(2));
        var analytics = new RecoveryAnalytics(http, Console.Error);
        var (json, settled) = await analytics.WaitAsync(month.From, month.To, month.Total.Incidents,
            TimeSpan.FromSeconds(flags.Double("settle", 10)), TimeSpan.FromSeconds(flags.Double("timeout", 300)), cancellation);
        await File.WriteAllTextAsync(flags.Required("out"), json, cancellation);
        if (flags.TryGetValue("budgets-out", out var budgets) && budgets is not null)
        {
            await File.WriteAllTextAsync(budgets, await analytics.BudgetsAsync(cancellation), cancellation);
        }

        return settled ? 0 : 1;
    }

    /// <summary><c>month-report</c>: the month, the ingestion figures and the analytics, as text or Markdown.</summary>
    public static async Task<int> ReportAsync(Dictionary<string, string?> flags, CancellationToken cancellation)
    {
        var markdown = flags.ContainsKey("markdown");
        var run = await RunResult.ReadAsync(flags.Required("engine"), cancellation);
        var month = run.Month ?? throw new ArgumentException("--engine holds no recovery month (run it with --traffic month)");
        using var analytics = JsonDocument.Parse(await File.ReadAllTextAsync(flags.Required("analytics"), cancellation));
        var heading = markdown ? "### " : "";
        Console.WriteLine($"{heading}The month");
        Console.WriteLine();
        Console.Write(MonthReport.Month(month, markdown));
        Console.WriteLine();
        Console.WriteLine($"{heading}Ingestion");
        Console.WriteLine();
        Console.Write(Report.Table(run, null, markdown, firstColumn: "recovery month"));
        Console.WriteLine();
        Console.WriteLine($"{(markdown ? "Event mix: " : "event mix: ")}{Report.Mix(run)}");
        Console.WriteLine();
        Console.WriteLine($"{heading}Recovery analytics");
        Console.WriteLine();
        Console.Write(MonthReport.Analytics(analytics.RootElement, month, markdown));
        Console.WriteLine();
        var differences = MonthReport.Differences(analytics.RootElement, month);
        Console.WriteLine(differences.Count == 0
            ? "Check: the engine counts the incidents, closures and retained customers the generator expects, by kind and by severity."
            : "Check: the engine's counts differ from the generator's — " + string.Join("; ", differences) + ".");
        if (flags.TryGetValue("budgets", out var budgets) && budgets is not null)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(budgets, cancellation));
            Console.WriteLine();
            Console.WriteLine("Budgets at the end: " + MonthReport.Budgets(document.RootElement) + ".");
        }

        return 0;
    }

    /// <summary>One digest of every batch body, in order: the same options must give the same one on any machine.</summary>
    private static string Digest(IEnumerable<EncodedBatch> batches)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var batch in batches)
        {
            sha.AppendData(batch.Body);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
