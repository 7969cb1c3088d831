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

    public bool HasApplied(DmsEvent e) => State.Applied.Contains(e);

    public bool HasApplied(EventKey e) => State.Applied.Contains(e);

    /// <summary>
    /// Decides, in memory and in order, the events not applied before; whether any changed the
    /// state. An event <paramref name="decide"/> says changes nothing is neither recorded nor
    /// written (most events only mention a member who exists already): that is safe only because
    /// deciding it again later changes nothing either.
    /// </summary>
    public bool Decide(IReadOnlyList<DmsEvent> events, Func<DmsEvent, bool> decide) => Decide(events, decide, record: true);

    /// <summary>
    /// Decides events for a grain that keeps no record of the events it applied, and so a small
    /// state: only a grain for which deciding an event again changes nothing, whatever came in
    /// between, may do without.
    /// </summary>
    public bool DecideUnrecorded(IReadOnlyList<DmsEvent> events, Func<DmsEvent, bool> decide) => Decide(events, decide, record: false);

    private bool Decide(IReadOnlyList<DmsEvent> events, Func<DmsEvent, bool> decide, bool record)
    {
        var changed = false;
        foreach (var e in events)
        {
            if ((record && State.Applied.Contains(e)) || !decide(e))
            {
                continue;
            }

            if (record)
            {
                State.Applied.TryRecord(e);
            }

            State.EventsApplied++;
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Runs work that must come before the write (deciding, asking other grains); when it fails,
    /// what it changed in memory is dropped (the state is read back and the activation
    /// deactivated) before the failure goes on, so the stream's retry starts from storage.
    /// </summary>
    public Task OrReloadAsync(Func<Task> work) => state.OrReloadAsync(grain, work);

    /// <summary>Persists the state, after forgetting the applied events no copy can come back for; a failed write reloads.</summary>
    public Task WriteAsync()
    {
        State.Applied.ForgetExpired(clock.GetUtcNow());
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
