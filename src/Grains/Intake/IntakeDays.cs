using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>Days since the Unix epoch, as the applied-event records keep when an event occurred.</summary>
public static class IntakeDays
{
    public static int Of(DateTimeOffset time) => (int)(time.ToUnixTimeSeconds() / 86_400);

    /// <summary>The first day whose events the intake could still accept (a day of margin): a key of an earlier one can be forgotten.</summary>
    public static int Expiry(DateTimeOffset now) => Of(now - IntakeWindow.MaxAge - TimeSpan.FromDays(1));
}
