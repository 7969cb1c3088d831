using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Dealerships;

public sealed class DealershipGrain(
    [PersistentState("dealership", StorageNames.Grains)] IPersistentState<DealershipState> state,
    ProgramClock clock)
    : EventConsumerGrain<DealershipState>(state, clock), IDealershipGrain
{
    public async Task<DealershipView> RegisterAsync(DealershipProfile profile)
    {
        State.Profile = profile;
        await WriteOrReloadAsync();
        // After our own write: a crash in between leaves the directory behind, and the caller's
        // retry of the (idempotent) registration puts it right.
        await GrainFactory.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key)
            .AddAsync(this.GetPrimaryKeyString(), profile);
        return View(profile);
    }

    public Task<DealershipView?> GetAsync() =>
        Task.FromResult(State.Profile is { } profile ? View(profile) : null);

    protected override bool Apply(DmsEvent e)
    {
        State.EventsByType[e.Data.Type] = State.EventsByType.GetValueOrDefault(e.Data.Type) + 1;
        return true;
    }

    private DealershipView View(DealershipProfile profile) =>
        new(this.GetPrimaryKeyString(), profile, State.EventsApplied, new Dictionary<string, long>(State.EventsByType));
}
