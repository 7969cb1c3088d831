namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// How far from the engine's clock an event's <c>occurredAt</c> may be (events.md). The grains rely
/// on it too: an event older than <see cref="MaxAge"/> can never be accepted again, so the record of
/// applied events may forget it.
/// </summary>
public static class IntakeWindow
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(400);
    public static readonly TimeSpan MaxFuture = TimeSpan.FromMinutes(5);
}
