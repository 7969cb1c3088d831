using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// One dealership month of loyalty figures (see <see cref="ILoyaltyMonthGrain"/>). It calls no
/// other grain. Reentrant with one write in flight, like the tier census: every customer of the
/// dealership that upgrades or redeems in the month reports here, and the tallies that arrive while
/// a write is on its way are all persisted by the next one; each answer waits until its own are stored.
/// </summary>
[Reentrant]
public sealed class LoyaltyMonthGrain(
    [PersistentState("loyalty-month", StorageNames.Grains)] IPersistentState<LoyaltyMonthState> state)
    : Grain, ILoyaltyMonthGrain
{
    private readonly CoalescedWrites _writes = new(state.WriteStateAsync);

    public async Task CountAsync(IReadOnlyList<LoyaltyTally> tallies)
    {
        var counted = false;
        foreach (var tally in tallies)
        {
            counted |= state.State.Counts.Count(tally);
        }

        if (counted)
        {
            _writes.Changed();
        }

        await _writes.StoredAsync();
    }

    public Task<LoyaltyMonth> FiguresAsync() => Task.FromResult(state.State.Counts.ToView());
}

[GenerateSerializer, Alias("pitstop.LoyaltyMonthState")]
public sealed class LoyaltyMonthState
{
    [Id(0)] public LoyaltyCounts Counts { get; set; } = new();
}
