using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

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
        return View(profile);
    }

    public Task<DealershipView?> GetAsync() =>
        Task.FromResult(State.Profile is { } profile ? View(profile) : null);

    public async Task CountMonthsAsync(IReadOnlyDictionary<string, EventCounts> months)
    {
        var changed = false;
        foreach (var (month, counts) in months)
        {
            if (!State.Months.TryGetValue(month, out var known) || counts.Applied > known.Applied)
            {
                State.Months[month] = counts;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    private DealershipView View(DealershipProfile profile)
    {
        var byType = new Dictionary<string, long>(State.EventsByType, StringComparer.Ordinal);
        foreach (var (type, count) in State.Months.Values.SelectMany(m => m.ByType))
        {
            byType[type] = byType.GetValueOrDefault(type) + count;
        }

        return new(this.GetPrimaryKeyString(), profile, State.EventsApplied + State.Months.Values.Sum(m => m.Applied), byType);
    }
}
