namespace Pitstop.League.Load;

/// <summary>Latency of the requests in milliseconds: nearest-rank percentiles of the exact values.</summary>
internal sealed record LatencySummary(double P50, double P99, double Max)
{
    public static LatencySummary From(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0);
        }

        milliseconds.Sort();
        return new LatencySummary(Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), milliseconds[^1]);
    }

    /// <summary>The value that q of the samples are at or below.</summary>
    private static double Percentile(List<double> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
