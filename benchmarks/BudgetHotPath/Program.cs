using Pitstop.Benchmarks;
using Pitstop.BudgetHotPath;
using Pitstop.BudgetHotPath.Report;

// The budget hot-path benchmark. See benchmarks/README.md.
//
//   --postgres CS [--callers C] [--topup-callers C] [--duration S] [--awards N] [--warmup N] [--warmup-seconds S]
//   [--points P] [--targets budget,unbatched,topup,raw-update,budget-memory,floor] [--markdown FILE]
//
// Exit code 0: measured and every check passed; 1: measured, but a check failed (the table is
// printed all the same, the problems below it); 2: bad arguments.
BenchOptions options;
try
{
    options = BenchOptions.From(Flags.Parse(args));
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

Console.Error.WriteLine($"budget hot path: {options.Describe()}; targets {string.Join(", ", options.Targets)}");
var phases = await new BenchRun(options, Console.Error).RunAsync(cancel.Token);

Console.WriteLine();
Console.Write(ResultsTable.Render(phases, markdown: false));
Console.WriteLine();
if (ResultsTable.TopUpRatio(phases, markdown: false) is { Length: > 0 } ratio)
{
    Console.WriteLine(ratio);
    Console.WriteLine();
}

Console.WriteLine(ResultsTable.Context(phases));
Console.WriteLine($"checks: {ResultsTable.Problems(phases)}");

if (options.MarkdownOut is { } path)
{
    await File.WriteAllTextAsync(path, ResultsTable.Markdown(phases), cancel.Token);
}

return phases.Any(p => p.Problems.Count > 0) ? 1 : 0;
