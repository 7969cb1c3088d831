namespace Pitstop.Grains.Simulation;

/// <summary>
/// The program time of a what-if replay. Each archived chunk is handed out under the time the
/// engine applied it at (<see cref="AppliedAt"/>): the time travels with the chunk's calls in the
/// request context, so every grain that applies it (and every grain those call) reads the clock the
/// engine's grains read then, while other dealerships' chunks are applied at their own times
/// alongside. Work no chunk started (reminders, activations) reads the latest time handed out: it
/// never goes back, so an event archived late (a retried dead letter) does not move it back.
/// </summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private const string AppliedAtKey = "pitstop.replay.appliedAt";

    private long _latest = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() =>
        new(RequestContext.Get(AppliedAtKey) is long ticks ? ticks : Interlocked.Read(ref _latest), TimeSpan.Zero);

    /// <summary>
    /// The time of the calls this flow makes from here on (up to the end of the calling method):
    /// the chunk's applied time. The latest time handed out moves to it if it is later.
    /// </summary>
    public void AppliedAt(DateTimeOffset time)
    {
        RequestContext.Set(AppliedAtKey, time.UtcTicks);
        long seen;
        do
        {
            seen = Interlocked.Read(ref _latest);
            if (time.UtcTicks <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _latest, time.UtcTicks, seen) != seen);
    }
}
