namespace Pitstop.Silo.Streams;

/// <summary>
/// When a queue partition has been found empty, how long its receiver lets the pulling agent's
/// polls go by without asking the database: from one poll period, doubling while the partition
/// stays empty, up to <c>ceiling</c>; the first message found ends the pause. An idle cluster then
/// costs a few queries a second per partition instead of one per poll period (8 partitions polled
/// every 20 ms kept a database backend and a silo busy on a core that had nothing to do), and an
/// event arriving at an idle partition waits at most <c>ceiling</c> longer.
/// </summary>
public sealed class IdlePolling(TimeSpan floor, TimeSpan ceiling, TimeProvider time)
{
    private TimeSpan _pause = TimeSpan.Zero;
    private long _emptyAt;

    /// <summary>Whether to ask the database now.</summary>
    public bool ShouldPoll() => _pause == TimeSpan.Zero || time.GetElapsedTime(_emptyAt) >= _pause;

    /// <summary>What a poll found.</summary>
    public void Found(int messages)
    {
        if (messages > 0)
        {
            _pause = TimeSpan.Zero;
            return;
        }

        _pause = _pause == TimeSpan.Zero ? floor : TimeSpan.FromTicks(Math.Min(_pause.Ticks * 2, ceiling.Ticks));
        _emptyAt = time.GetTimestamp();
    }
}
