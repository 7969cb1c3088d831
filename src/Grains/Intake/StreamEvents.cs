using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// The steps a stream-fed grain applies a delivery with: each event at most once, and memory never
/// left ahead of storage. The grain writes its own order with them — decide, ask, persist once,
/// dispatch — and the router acknowledges the stream message only after the grain returns, so the
/// write comes first.
/// </summary>
public sealed class StreamEvents<TState>(IPersistentState<TState> state, IGrainBase grain, ProgramClock clock)
    where TState : EventConsumerState
{
    private TState State => state.State;

    public bool Exists => state.RecordExists || State.EventsApplied > 0;

    public bool HasApplied(DmsEvent e, EventPosition position) => State.HasApplied(e, position);

    /// <summary>
    /// Whether the grain applied the event of <paramref name="key"/>, asked by key by a reversal of
    /// an award it asked for: the router has its budget collect a reversal only after the grains
    /// of its chunk applied their shares, so only an event moved aside unapplied here was not.
    /// </summary>
    public bool HasApplied(EventKey key) => State.Applied.MayHaveApplied(key);

    /// <summary>
    /// Decides, in memory and in order, the events not applied before; whether any changed the
    /// state. Every event decided moves its stream's offset on, but an event <paramref name="decide"/>
    /// says changes nothing is not written (most events only mention a member who exists already):
    /// that is safe only because deciding it again later changes nothing either.
    /// </summary>
    public bool Decide(StreamShare share, Func<DmsEvent, bool> decide)
    {
        var changed = false;
        for (var i = 0; i < share.Count; i++)
        {
            var (e, position) = (share.Events[i], share.Positions[i]);
            if (State.HasApplied(e, position))
            {
                continue;
            }

            State.Applied.Advance(e, position);
            if (decide(e))
            {
                State.EventsApplied++;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Decides events for a grain that keeps no record of the events it applied: only a grain for
    /// which deciding an event again changes nothing, whatever came in between, may do without.
    /// </summary>
    public bool DecideUnrecorded(StreamShare share, Func<DmsEvent, bool> decide)
    {
        var changed = false;
        foreach (var e in share.Events)
        {
            if (decide(e))
            {
                State.EventsApplied++;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Remembers that a retry of the event moved aside at <paramref name="position"/> must be
    /// skipped, if this grain applied it (<see cref="AppliedOffsets.RememberMovedAside"/>); written at once.
    /// </summary>
    public Task RememberMovedAsideAsync(DmsEvent e, EventPosition position) =>
        State.Applied.RememberMovedAside(e, position) ? WriteAsync() : Task.CompletedTask;

    /// <summary>
    /// Runs work that must come before the write (deciding, asking other grains); when it fails,
    /// what it changed in memory is dropped (the state is read back and the activation
    /// deactivated) before the failure goes on, so the stream's retry starts from storage.
    /// </summary>
    public async Task OrReloadAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch
        {
            await state.ReloadAsync(grain);
            throw;
        }
    }

    /// <summary>Persists the state, after forgetting the applied events no copy can come back for; a failed write reloads.</summary>
    public Task WriteAsync()
    {
        State.ForgetExpired(clock.GetUtcNow());
        return state.WriteOrReloadAsync(grain);
    }

    /// <summary>
    /// Decides a delivery and keeps nothing of it (the dead-letter pass asks every grain's rules
    /// first): not the state, nor what the grain keeps beside it, which leaves with the activation.
    /// </summary>
    public async Task ProbeAsync(Func<Task> decide)
    {
        try
        {
            await decide();
        }
        finally
        {
            await state.ReloadAsync(grain);
        }
    }
}
