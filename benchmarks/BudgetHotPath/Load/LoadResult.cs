namespace Pitstop.BudgetHotPath.Load;

/// <summary>What one closed-loop run measured. A failed call is not in <see cref="Completed"/>.</summary>
internal sealed record LoadResult(long Completed, long Failed, long Unfunded, TimeSpan Elapsed, LatencySummary Latency, string? FirstError)
{
    /// <summary>Completed calls ÷ time from the first call sent to the last one answered.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;
}
