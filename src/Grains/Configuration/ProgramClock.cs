namespace Pitstop.Grains.Configuration;

/// <summary>
/// The time the program's rules read (months, expiry, reviews). Kept apart from the
/// <see cref="TimeProvider"/> the runtime uses for its own timeouts, so that a test can move the
/// program two years ahead without moving the cluster's heartbeats with it. A deployment can run
/// the program ahead of the wall clock (<see cref="ProgramOptions.ClockOffset"/>) to rehearse a
/// month end or a follow-up before it happens.
/// </summary>
public sealed class ProgramClock(TimeProvider time, TimeSpan offset = default)
{
    public static readonly ProgramClock System = new(TimeProvider.System);

    public DateTimeOffset GetUtcNow() => time.GetUtcNow() + offset;
}
