using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Dealerships;

/// <summary>One month of a dealership's events (see <see cref="IDealershipMonthGrain"/>).</summary>
public sealed class DealershipMonthGrain(
    [PersistentState("dealership-month", StorageNames.Grains)] IPersistentState<DealershipMonthState> state,
    ProgramClock clock)
    : Grain, IDealershipMonthGrain
{
    public async Task<EventCounts> ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        var counted = false;
        foreach (var e in events.Value)
        {
            if (state.State.Applied.TryRecord(e))
            {
                state.State.EventsApplied++;
                state.State.EventsByType[e.Data.Type] = state.State.EventsByType.GetValueOrDefault(e.Data.Type) + 1;
                counted = true;
            }
        }

        if (counted)
        {
            state.State.Applied.ForgetOlderThan(clock.GetUtcNow() - IntakeWindow.MaxAge - TimeSpan.FromDays(1));
            await state.WriteOrReloadAsync(this);
        }

        return new EventCounts(state.State.EventsApplied, new Dictionary<string, long>(state.State.EventsByType, StringComparer.Ordinal));
    }
}
