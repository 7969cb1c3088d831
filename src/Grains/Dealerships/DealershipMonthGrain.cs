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
    public async Task ApplyAsync(Immutable<StreamShare> share)
    {
        var counted = false;
        for (var i = 0; i < share.Value.Count; i++)
        {
            var (e, position) = (share.Value.Events[i], share.Value.Positions[i]);
            if (!state.State.HasApplied(e, position))
            {
                state.State.Applied.Advance(e, position);
                state.State.EventsByType[e.Data.Type] = state.State.EventsByType.GetValueOrDefault(e.Data.Type) + 1;
                state.State.Performance.Count(e.Data);
                counted = true;
            }
        }

        if (counted)
        {
            await WriteAsync();
        }
    }

    public Task RememberMovedAsideAsync(DmsEvent e, EventPosition position) =>
        state.State.Applied.RememberMovedAside(e, position) ? WriteAsync() : Task.CompletedTask;

    public Task<EventCounts> CountsAsync() =>
        Task.FromResult(new EventCounts(new Dictionary<string, long>(state.State.EventsByType, StringComparer.Ordinal)));

    public Task<PerformanceMonth> PerformanceAsync() => Task.FromResult(state.State.Performance.ToView());

    private Task WriteAsync()
    {
        state.State.ForgetExpired(clock.GetUtcNow());
        return state.WriteOrReloadAsync(this);
    }
}
