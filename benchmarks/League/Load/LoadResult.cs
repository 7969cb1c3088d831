namespace Pitstop.League.Load;

/// <summary>What one closed-loop run measured. A failed request is not in <see cref="Completed"/>.</summary>
internal sealed record LoadResult(long Completed, long Failed, TimeSpan Elapsed, LatencySummary Latency, string? FirstError)
{
    /// <summary>Completed requests ÷ time from the first request sent to the last one answered.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;
}
