namespace Pitstop.Grains.Simulation;

/// <summary>
/// The program time of a what-if replay: the replay moves it to each archived chunk's applied time
/// before handing the chunk out, so that its grains read the clock the engine's grains read then.
/// It never goes back: an event archived late (a retried dead letter) is applied at the latest time.
/// </summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void MoveTo(DateTimeOffset time)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _ticks);
            if (time.UtcTicks <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _ticks, time.UtcTicks, seen) != seen);
    }
}
