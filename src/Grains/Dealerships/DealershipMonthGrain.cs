using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Dealerships;

/// <summary>One month of a dealership's events (see <see cref="IDealershipMonthGrain"/>).</summary>
public sealed class DealershipMonthGrain(
    [PersistentState("dealership-month", StorageNames.Grains)] IPersistentState<DealershipMonthState> state,
    ProgramClock clock)
    : Grain, IDealershipMonthGrain
{
    public async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        var counted = false;
        foreach (var e in events.Value)
        {
            if (state.State.Applied.TryRecord(e))
            {
                state.State.EventsByType[e.Data.Type] = state.State.EventsByType.GetValueOrDefault(e.Data.Type) + 1;
                state.State.Performance.Count(e.Data);
                counted = true;
            }
        }

        if (counted)
        {
            state.State.Applied.ForgetExpired(clock.GetUtcNow());
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<EventCounts> CountsAsync() =>
        Task.FromResult(new EventCounts(new Dictionary<string, long>(state.State.EventsByType, StringComparer.Ordinal)));

    public Task<PerformanceMonth> PerformanceAsync() => Task.FromResult(state.State.Performance.ToView());
}
