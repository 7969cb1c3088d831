using Pitstop.BudgetHotPath.Load;

namespace Pitstop.BudgetHotPath.Report;

/// <summary>One target's run: the measured load and what the checks after it found.</summary>
internal sealed record PhaseResult(
    string Key,
    string Name,
    string Storage,
    string Description,
    LoadResult Warmup,
    LoadResult Load,
    long? StateWrites,
    string LoadAverage,
    IReadOnlyList<string> Problems)
{
    /// <summary>Awards carried by one state write during the measured load: the group commit's batch.</summary>
    public double? AwardsPerWrite => StateWrites is > 0 ? (double)Load.Completed / StateWrites.Value : null;
}
