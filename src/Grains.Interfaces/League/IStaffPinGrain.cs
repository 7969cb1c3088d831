namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// A staff member's kiosk PIN, keyed by staff id: kept apart from the member's grain (the PIN is
/// reference data set by a manager, checked at the kiosk, and nothing the member's rules read).
/// Stored as a salted PBKDF2 hash; consecutive wrong PINs lock it for a while.
/// </summary>
[Alias("pitstop.IStaffPinGrain")]
public interface IStaffPinGrain : IGrainWithStringKey
{
    /// <summary>Sets (or replaces) the PIN, with a new salt; a lockout and its failed attempts end.</summary>
    [Alias("set")]
    Task SetAsync(string pin);

    /// <summary>Checks a PIN: counts a wrong one, refuses every one while locked.</summary>
    [Alias("check")]
    Task<PinCheck> CheckAsync(string pin);
}

public enum PinOutcome { Opened, Wrong, Locked, NotSet }

/// <summary>
/// A check's outcome; <see cref="AttemptsLeft"/> before the lock (after a wrong PIN), and until when
/// it is locked (when <see cref="PinOutcome.Locked"/>, or when this wrong PIN locked it).
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.PinCheck")]
public sealed record PinCheck(
    [property: Id(0)] PinOutcome Outcome,
    [property: Id(1)] int AttemptsLeft,
    [property: Id(2)] DateTimeOffset? LockedUntil);
