using Pitstop.Grains.Configuration;
using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// Plumbing shared by the grains that events change: each event is applied at most once, and a
/// whole batch costs one state write. The router that called acknowledges the stream message only
/// after this returns, so the write comes first.
/// </summary>
public abstract class EventConsumerGrain<TState>(IPersistentState<TState> state, ProgramClock clock)
    : Grain, IEventConsumer
    where TState : EventConsumerState, new()
{
    protected TState State => state.State;

    protected bool Exists => state.RecordExists || State.EventsApplied > 0;

    /// <summary>The program's time now.</summary>
    protected DateTimeOffset Now => clock.GetUtcNow();

    public async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        // A rule that throws half-way leaves memory ahead of storage: read it back before the retry.
        var changed = false;
        await OrReloadAsync(async () => changed = await ApplyInMemoryAsync(events.Value));
        if (!changed)
        {
            return;
        }

        State.Applied.ForgetExpired(clock.GetUtcNow());
        await OrReloadAsync(BeforeWriteAsync);
        await WriteOrReloadAsync();
        await AfterWriteAsync();
    }

    public async Task ProbeAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        try
        {
            await ApplyInMemoryAsync(events.Value);
        }
        finally
        {
            // Nothing the probe did may stay: not the state, nor what the grain keeps beside it
            // (awards to ask, say), which leaves with the activation.
            await state.ReloadAsync(this);
        }
    }

    /// <summary>Applies, in memory, the events not applied before; whether any changed the state.</summary>
    private async Task<bool> ApplyInMemoryAsync(IReadOnlyList<DmsEvent> events)
    {
        await PrepareAsync(events);
        var changed = false;
        foreach (var e in events)
        {
            if ((RecordsAppliedEvents && State.Applied.Contains(e)) || !Apply(e))
            {
                continue;
            }

            if (RecordsAppliedEvents)
            {
                State.Applied.TryRecord(e);
            }

            State.EventsApplied++;
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Whether the grain keeps a record of the events it applied. Only a grain for which applying
    /// an event again changes nothing, whatever came in between, may do without (and keep its
    /// state small): its <see cref="Apply"/> is idempotent by itself.
    /// </summary>
    protected virtual bool RecordsAppliedEvents => true;

    /// <summary>
    /// Asks other grains what <see cref="Apply"/> will need to know about a batch (it cannot wait).
    /// Called for every delivery, redeliveries too: what it asks must give the same answer twice.
    /// </summary>
    protected virtual Task PrepareAsync(IReadOnlyList<DmsEvent> events) => Task.CompletedTask;

    /// <summary>Work on other grains that must be done before the applied events are persisted.</summary>
    protected virtual Task BeforeWriteAsync() => Task.CompletedTask;

    /// <summary>Work that must wait until the applied events are persisted (sending an outbox).</summary>
    protected virtual Task AfterWriteAsync() => Task.CompletedTask;

    /// <summary>
    /// Applies one event that this grain has not applied before to <see cref="State"/>; false when
    /// the event changes nothing here. Such an event is neither recorded nor written (most events
    /// only mention a staff member who already exists): that is safe only because applying it again
    /// later changes nothing either, so an implementation may answer false only for an event whose
    /// effect is already in the state for good.
    /// </summary>
    protected abstract bool Apply(DmsEvent e);

    /// <summary>
    /// Persists the state. When the write fails, memory is ahead of storage (it already records the
    /// batch as applied): it is reloaded from storage before the stream retries.
    /// </summary>
    protected Task WriteOrReloadAsync() => state.WriteOrReloadAsync(this);

    /// <summary>
    /// Runs work that must come before a write; when it fails, the changes already made in memory
    /// are dropped (the state is read back and the activation deactivated) before the failure goes on.
    /// </summary>
    protected async Task OrReloadAsync(Func<Task> beforeWrite)
    {
        try
        {
            await beforeWrite();
        }
        catch
        {
            await state.ReloadAsync(this);
            throw;
        }
    }
}
