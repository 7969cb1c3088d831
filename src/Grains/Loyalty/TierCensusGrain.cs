using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>One slice of a dealership's tier census (see <see cref="ITierCensusGrain"/>). It calls no other grain.</summary>
public sealed class TierCensusGrain(
    [PersistentState("tier-census", StorageNames.Grains)] IPersistentState<TierCensusState> state)
    : Grain, ITierCensusGrain
{
    public async Task CountAsync(string customerId, Tier tier)
    {
        if (state.State.Tiers.TryGetValue(customerId, out var counted) && counted == tier)
        {
            return;
        }

        state.State.Tiers[customerId] = tier;
        await state.WriteOrReloadAsync(this);
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
