using Orleans.Streams;
using Orleans.Streams.Core;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// Plumbing shared by the grains that consume an event stream through an implicit subscription:
/// events arrive in batches, each is applied at most once, and the whole batch costs one state write.
/// A stream message is acknowledged only after this method returns, so the write must come first.
/// </summary>
public abstract class EventConsumerGrain<TState>(IPersistentState<TState> state, TimeProvider clock)
    : Grain, IStreamSubscriptionObserver, IAsyncBatchObserver<DmsEvent>
    where TState : EventConsumerState, new()
{
    protected TState State => state.State;

    protected bool Exists => state.RecordExists || State.EventsApplied > 0;

    protected IPersistentState<TState> Storage => state;

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<DmsEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<DmsEvent>> items)
    {
        var changed = false;
        foreach (var item in items)
        {
            var e = item.Item;
            if (!State.Applied.TryRecord(e.Key, e.OccurredAt))
            {
                continue;
            }

            Apply(e);
            State.EventsApplied++;
            changed = true;
        }

        if (!changed)
        {
            return;
        }

        State.Applied.ForgetOlderThan(clock.GetUtcNow() - IntakeWindow.MaxAge - TimeSpan.FromDays(1));
        await WriteOrReloadAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Applies one event that this grain has not seen before to <see cref="State"/>.</summary>
    protected abstract void Apply(DmsEvent e);

    /// <summary>
    /// Persists the state. When the write fails, memory is ahead of storage (it already records the
    /// batch as applied): memory is reloaded from storage before the stream retries, and the
    /// activation is dropped should even that fail.
    /// </summary>
    protected async Task WriteOrReloadAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            this.DeactivateOnIdle();
            await state.ReadStateAsync();
            throw;
        }
    }
}
