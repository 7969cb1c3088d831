using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Grains;

/// <summary>The baseline budget without group commit (see <see cref="UnbatchedBudgetGrain"/>).</summary>
[Alias("bench.IUnbatchedBudgetGrain")]
public interface IUnbatchedBudgetGrain : IGrainWithStringKey
{
    [Alias("award")]
    Task<IReadOnlyList<AwardOutcome>> AwardAsync(IReadOnlyList<AwardRequest> awards);

    /// <summary>Credits the budget directly (the pool is not part of what is measured).</summary>
    [Alias("fund")]
    Task<BudgetView> FundAsync(string idempotencyKey, long points);

    [ReadOnly, Alias("get")]
    Task<BudgetView> GetAsync();
}
