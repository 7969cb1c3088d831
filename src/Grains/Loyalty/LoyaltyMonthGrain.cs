using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>One dealership month of loyalty figures (see <see cref="ILoyaltyMonthGrain"/>). It calls no other grain.</summary>
public sealed class LoyaltyMonthGrain(
    [PersistentState("loyalty-month", StorageNames.Grains)] IPersistentState<LoyaltyMonthState> state)
    : Grain, ILoyaltyMonthGrain
{
    public async Task CountAsync(IReadOnlyList<LoyaltyTally> tallies)
    {
        var counted = false;
        foreach (var tally in tallies)
        {
            counted |= state.State.Counts.Count(tally);
        }

        if (counted)
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<LoyaltyMonth> FiguresAsync() => Task.FromResult(state.State.Counts.ToView());
}

[GenerateSerializer, Alias("pitstop.LoyaltyMonthState")]
public sealed class LoyaltyMonthState
{
    [Id(0)] public LoyaltyCounts Counts { get; set; } = new();
}
