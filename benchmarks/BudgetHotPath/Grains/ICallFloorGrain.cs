using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Grains;

/// <summary>The floor baseline: the budget's call shape with no work behind it (see <see cref="CallFloorGrain"/>).</summary>
[Alias("bench.ICallFloorGrain")]
public interface ICallFloorGrain : IGrainWithStringKey
{
    [Alias("award")]
    Task<IReadOnlyList<AwardOutcome>> AwardAsync(IReadOnlyList<AwardRequest> awards);

    /// <summary>Awards taken since activation, and the points they carried.</summary>
    [ReadOnly, Alias("totals")]
    Task<(long Awards, long Points)> TotalsAsync();
}
