using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// A router's memory of the events clients wait for (read-your-writes): keys the intake expects
/// (<see cref="Expect"/>, before it publishes them), what became of them once a chunk holding them
/// was delivered (<see cref="Settled"/>), and the clients waiting for them (<see cref="WaitAsync"/>).
/// Nothing else is remembered: a router nobody waits on does a count check per chunk and no more.
/// </summary>
/// <remarks>
/// Kept in memory only, so it costs no write: a new activation of the router (its silo stopped)
/// knows nothing, and answers <see cref="EventSettlement.Unknown"/>. A key is remembered for at
/// least <see cref="Memory"/> after it was expected or settled, in two generations of keys swapped
/// when the newer one is that old (or holds <see cref="MaxKeysPerGeneration"/> keys, so that a
/// flood of waiting clients cannot grow a router without bound).
/// </remarks>
public sealed class SettlementWatch(TimeProvider time)
{
    /// <summary>How long a key is remembered at least: the time a client has to ask again.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    public const int MaxKeysPerGeneration = 100_000;

    private readonly Dictionary<EventKey, List<Waiter>> _waiters = [];
    private Dictionary<EventKey, EventSettlement> _current = [];
    private Dictionary<EventKey, EventSettlement> _previous = [];
    private long _currentSince = time.GetTimestamp();

    /// <summary>Notes the keys as pending, unless they are already remembered (delivered before: an unpublished key claimed again).</summary>
    public void Expect(IEnumerable<EventKey> keys)
    {
        Age();
        foreach (var key in keys)
        {
            if (StateOf(key) == EventSettlement.Unknown)
            {
                _current[key] = EventSettlement.Pending;
            }
        }
    }

    /// <summary>
    /// Notes what became of the remembered keys of a delivered chunk: applied, or moved aside if
    /// <paramref name="deadLettered"/> holds them; and lets go the clients that waited for them last.
    /// </summary>
    public void Settled(IEnumerable<DmsEvent> chunk, IReadOnlySet<EventKey> deadLettered)
    {
        if (_current.Count == 0 && _previous.Count == 0)
        {
            return;
        }

        Age();
        foreach (var e in chunk)
        {
            var key = e.Key;
            if (StateOf(key) == EventSettlement.Unknown)
            {
                continue;
            }

            // Settled again after a dead letter's retry: the latest delivery is what happened.
            _previous.Remove(key);
            _current[key] = deadLettered.Contains(key) ? EventSettlement.DeadLettered : EventSettlement.Applied;
            Release(key);
        }
    }

    /// <summary>What became of each key, once none is pending any more or <paramref name="wait"/> has passed.</summary>
    public async Task<IReadOnlyList<EventSettlement>> WaitAsync(IReadOnlyList<EventKey> keys, TimeSpan wait)
    {
        Age();
        var pending = keys.Where(k => StateOf(k) == EventSettlement.Pending).ToHashSet();
        if (pending.Count > 0 && wait > TimeSpan.Zero)
        {
            var waiter = new Waiter(pending);
            foreach (var key in pending)
            {
                if (!_waiters.TryGetValue(key, out var waiting))
                {
                    _waiters[key] = waiting = [];
                }

                waiting.Add(waiter);
            }

            try
            {
                await waiter.Done.Task.WaitAsync(wait, time);
            }
            catch (TimeoutException)
            {
                // The bound passed: the answer says which keys are still pending.
            }
            finally
            {
                Forget(waiter);
            }
        }

        return [.. keys.Select(StateOf)];
    }

    private EventSettlement StateOf(EventKey key) =>
        _current.TryGetValue(key, out var state) || _previous.TryGetValue(key, out state) ? state : EventSettlement.Unknown;

    private void Age()
    {
        if (time.GetElapsedTime(_currentSince) >= Memory || _current.Count >= MaxKeysPerGeneration)
        {
            _previous = _current;
            _current = [];
            _currentSince = time.GetTimestamp();
        }
    }

    private void Release(EventKey key)
    {
        if (!_waiters.Remove(key, out var waiting))
        {
            return;
        }

        foreach (var waiter in waiting)
        {
            waiter.Remaining.Remove(key);
            if (waiter.Remaining.Count == 0)
            {
                waiter.Done.TrySetResult();
            }
        }
    }

    private void Forget(Waiter waiter)
    {
        foreach (var key in waiter.Remaining)
        {
            if (_waiters.TryGetValue(key, out var waiting) && waiting.Remove(waiter) && waiting.Count == 0)
            {
                _waiters.Remove(key);
            }
        }
    }

    private sealed class Waiter(HashSet<EventKey> remaining)
    {
        public HashSet<EventKey> Remaining { get; } = remaining;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
