using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Grains;

/// <summary>
/// Takes the same messages as the budget and answers at once: the cost of an Orleans call into one
/// reentrant activation on this machine, the most any grain in the budget's place could do.
/// </summary>
[Reentrant]
public sealed class CallFloorGrain : Grain, ICallFloorGrain
{
    private long _awards;
    private long _points;

    public Task<IReadOnlyList<AwardOutcome>> AwardAsync(IReadOnlyList<AwardRequest> awards)
    {
        _awards += awards.Count;
        _points += awards.Sum(a => a.Points);
        return Task.FromResult<IReadOnlyList<AwardOutcome>>([.. awards.Select(a => new AwardOutcome(a.TransferId, Funded: true))]);
    }

    public Task<(long Awards, long Points)> TotalsAsync() => Task.FromResult((_awards, _points));
}
