using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>Something the callers award through: the engine's budget grain or a baseline.</summary>
internal interface IAwardTarget
{
    /// <summary>What it is, as the results table names it.</summary>
    string Name { get; }

    /// <summary>Where its state and journal go, as the results table names it.</summary>
    string Storage { get; }

    /// <summary>What the row measures, for the reader of RESULTS.md (one sentence).</summary>
    string Description { get; }

    /// <summary>Gives it enough points for every award of the run, so that none waits unfunded.</summary>
    Task PrepareAsync(long points);

    /// <summary>One call with one award; true when the award was funded.</summary>
    Task<bool> AwardAsync(AwardRequest award);

    /// <summary>How many times its state has been written so far; null where storage cannot tell.</summary>
    Task<long?> StateWritesAsync();

    /// <summary>
    /// After the run: what is wrong, if anything, given that exactly <paramref name="awards"/>
    /// awards of <paramref name="points"/> points in all went through it.
    /// </summary>
    Task<IReadOnlyList<string>> VerifyAsync(long awards, long points);
}
