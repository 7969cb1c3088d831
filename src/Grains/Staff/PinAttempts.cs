using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Staff;

/// <summary>
/// The lockout rule of kiosk PINs: <see cref="MaxFailures"/> wrong PINs in a row lock the PIN for
/// <see cref="Lockout"/>; while locked, every PIN is refused unchecked (a right one too, so that
/// guessing on gains nothing); a right PIN ends the run of failures. A four-digit PIN has 10,000
/// values: at five guesses per quarter hour, trying them all takes over three weeks.
/// </summary>
[GenerateSerializer, Alias("pitstop.PinAttempts")]
public sealed class PinAttempts
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>Wrong PINs since the last right one (or the last lock).</summary>
    [Id(0)] public int Failures { get; set; }

    [Id(1)] public DateTimeOffset? LockedUntil { get; set; }

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && now < until;

    /// <summary>Records a check's result (made while not locked) and answers it.</summary>
    public PinCheck Record(bool matched, DateTimeOffset now)
    {
        if (matched)
        {
            Failures = 0;
            LockedUntil = null;
            return new PinCheck(PinOutcome.Opened, MaxFailures, null);
        }

        Failures++;
        if (Failures < MaxFailures)
        {
            return new PinCheck(PinOutcome.Wrong, MaxFailures - Failures, null);
        }

        Failures = 0;
        LockedUntil = now + Lockout;
        return new PinCheck(PinOutcome.Wrong, 0, LockedUntil);
    }

    /// <summary>A new PIN starts with a clean record.</summary>
    public void Reset()
    {
        Failures = 0;
        LockedUntil = null;
    }
}
