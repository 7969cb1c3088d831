using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// One slice of a dealership's tier census (see <see cref="ITierCensusGrain"/>). It calls no other
/// grain. Reentrant with one write in flight: the customers that report while a write is on its way
/// are all persisted by the next one (group commit), and each answer waits until its own change is
/// stored — a bulk import of a dealership's customers costs a write per round, not per customer.
/// </summary>
[Reentrant]
public sealed class TierCensusGrain(
    [PersistentState("tier-census", StorageNames.Grains)] IPersistentState<TierCensusState> state)
    : Grain, ITierCensusGrain
{
    private readonly CoalescedWrites _writes = new(state.WriteStateAsync);

    public async Task CountAsync(string customerId, Tier tier)
    {
        if (!state.State.Tiers.TryGetValue(customerId, out var counted) || counted != tier)
        {
            state.State.Tiers[customerId] = tier;
            _writes.Changed();
        }

        await _writes.StoredAsync();
    }

    public Task<TierCounts> CountsAsync()
    {
        var tiers = state.State.Tiers.Values;
        return Task.FromResult(new TierCounts(
            tiers.Count(t => t == Tier.Silver), tiers.Count(t => t == Tier.Gold), tiers.Count(t => t == Tier.Platinum)));
    }
}

[GenerateSerializer, Alias("pitstop.TierCensusState")]
public sealed class TierCensusState
{
    [Id(0)] public Dictionary<string, Tier> Tiers { get; set; } = [];
}
