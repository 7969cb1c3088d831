using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// A router's memory of the chunk that keeps failing: how many times in a row the chunk starting
/// with a given event failed for a reason waiting does not cure. After <c>maxAttempts</c> such
/// failures its events are taken one at a time, and those that still fail are moved aside. Kept
/// in memory only: a new activation counts again from zero, which bounds the attempts all the same.
/// </summary>
public sealed class FailedDeliveries(int maxAttempts)
{
    private EventKey? _head;
    private int _failures;

    /// <summary>The failures counted for the chunk that starts with <paramref name="head"/>.</summary>
    public int FailuresOf(EventKey head) => _head == head ? _failures : 0;

    /// <summary>Whether the chunk that starts with <paramref name="head"/> has used its attempts: its events go one at a time.</summary>
    public bool MustIsolate(EventKey head) => FailuresOf(head) >= maxAttempts;

    /// <summary>Counts a failure of the chunk; a transient failure is not counted (the stream waits).</summary>
    public void Failed(EventKey head, Exception failure)
    {
        if (DeliveryFailures.IsTransient(failure))
        {
            return;
        }

        _failures = FailuresOf(head) + 1;
        _head = head;
    }

    /// <summary>The chunk went through (or its poison was moved aside): forget it.</summary>
    public void Delivered(EventKey head)
    {
        if (_head == head)
        {
            _head = null;
            _failures = 0;
        }
    }
}
