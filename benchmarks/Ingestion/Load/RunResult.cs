using System.Text.Json;
using System.Text.Json.Serialization;
using Pitstop.Ingestion.Cost;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>Percentiles of the acknowledgement latency of the batches, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary From(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        milliseconds.Sort();
        return new LatencySummary(
            milliseconds.Count,
            milliseconds.Average(),
            Percentile(milliseconds, 0.50),
            Percentile(milliseconds, 0.90),
            Percentile(milliseconds, 0.99),
            Percentile(milliseconds, 0.999),
            milliseconds[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values (the value that q of the samples are at or below).</summary>
    private static double Percentile(List<double> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>Everything one load run measured; written as JSON for the report.</summary>
public sealed record RunResult
{
    public required string Label { get; init; }

    public required string Kind { get; init; }

    public required string Target { get; init; }

    public required string RunId { get; init; }

    public required int Seed { get; init; }

    public required int Concurrency { get; init; }

    public required int BatchSize { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required long EventsSent { get; init; }

    public required int BatchesSent { get; init; }

    public required int BatchesFailed { get; init; }

    public required long Accepted { get; init; }

    public required long Duplicates { get; init; }

    public required long Rejected { get; init; }

    /// <summary>First send to last acknowledgement.</summary>
    public required double AckSeconds { get; init; }

    public required double AckEventsPerSecond { get; init; }

    public required LatencySummary AckLatencyMs { get; init; }

    /// <summary>True when every accepted event was seen applied before the timeout.</summary>
    public required bool AppliedComplete { get; init; }

    public required long AppliedEvents { get; init; }

    /// <summary>First send until all accepted events were applied (or the timeout).</summary>
    public required double AppliedSeconds { get; init; }

    /// <summary>Accepted events / <see cref="AppliedSeconds"/>: the end-to-end rate (0 when incomplete).</summary>
    public required double AppliedEventsPerSecond { get; init; }

    /// <summary>Last acknowledgement until all applied.</summary>
    public required double ApplyLagSeconds { get; init; }

    public required IReadOnlyDictionary<string, long> EventTypes { get; init; }

    /// <summary>What the recovery month sent holds (only for <c>--traffic month</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MonthStats? Month { get; init; }

    /// <summary>The schedule a paced load (<c>--rate</c>) kept; null for the closed loop at full speed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PacedResult? Paced { get; init; }

    /// <summary>How soon score changes showed in the league during the load; null without --league-probe.</summary>
    public LeagueProbeResult? League { get; init; }

    /// <summary>How soon the probe's score changes reached the live streams' viewers; null without --live-viewers.</summary>
    public LiveViewersResult? Live { get; init; }

    /// <summary>CPU by process, rows and WAL written over the measured window; null without --cpu and --pg-stats.</summary>
    public CostResult? Cost { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunResult>(stream, Json, cancellation)
            ?? throw new ArgumentException($"{path} holds no result");
    }
}
