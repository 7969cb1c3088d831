using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

/// <summary>
/// A dealership (see <see cref="IDealershipGrain"/>). Its counts are its months' counts, summed
/// when read: handing them on after every delivery cost the router a call and the dealership a
/// write per delivery, for a figure read only by the API.
/// </summary>
public sealed class DealershipGrain(
    [PersistentState("dealership", StorageNames.Grains)] IPersistentState<DealershipState> state)
    : Grain, IDealershipGrain
{
    private DealershipState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A state from before the months counted: its record of applied events is theirs now.
        if (State.Applied.Count > 0)
        {
            State.Applied = new();
        }

        // A state from when the router handed on the months' counts: the months hold them.
        if (State.Months.Count > 0)
        {
            State.CountingMonths.UnionWith(State.Months.Keys);
            State.Months = new(StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }

    public async Task<DealershipView> RegisterAsync(DealershipProfile profile)
    {
        State.Profile = profile;
        await state.WriteOrReloadAsync(this);
        // After our own write: a crash in between leaves the directory behind, and the caller's
        // retry of the (idempotent) registration puts it right.
        await GrainFactory.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key)
            .AddAsync(this.GetPrimaryKeyString(), profile);
        return await ViewAsync(profile);
    }

    public async Task<DealershipView?> GetAsync() =>
        State.Profile is { } profile ? await ViewAsync(profile) : null;

    public Task<DealershipProfile?> ProfileAsync() => Task.FromResult(State.Profile);

    public async Task ListMonthsAsync(IReadOnlyCollection<string> months)
    {
        var listed = false;
        foreach (var month in months)
        {
            listed |= State.CountingMonths.Add(month);
        }

        if (listed)
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    private async Task<DealershipView> ViewAsync(DealershipProfile profile)
    {
        var dealershipId = this.GetPrimaryKeyString();
        var months = await Task.WhenAll(State.CountingMonths.Select(month =>
            GrainFactory.Reference<IDealershipMonthGrain>(DealershipMonths.KeyOf(dealershipId, month)).CountsAsync()));
        var byType = new Dictionary<string, long>(State.EventsByType, StringComparer.Ordinal);
        foreach (var (type, count) in months.SelectMany(m => m.ByType))
        {
            byType[type] = byType.GetValueOrDefault(type) + count;
        }

        return new(dealershipId, profile, State.EventsApplied + months.Sum(m => m.Applied), byType);
    }
}
