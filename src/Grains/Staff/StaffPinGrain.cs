using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Staff;

/// <summary>
/// One staff member's kiosk PIN (see <see cref="IStaffPinGrain"/>). Failed attempts are written
/// before the answer goes out, so neither a deactivation nor a crash gives a guesser fresh tries.
/// </summary>
public sealed class StaffPinGrain(
    [PersistentState("staff-pin", StorageNames.Reference)] IPersistentState<StaffPinState> state,
    ProgramClock clock)
    : Grain, IStaffPinGrain
{
    public async Task SetAsync(string pin)
    {
        state.State.Pin = PinHash.Create(pin);
        state.State.Attempts.Reset();
        await state.WriteOrReloadAsync(this);
    }

    public async Task<PinCheck> CheckAsync(string pin)
    {
        var now = clock.GetUtcNow();
        if (state.State.Pin is not { } stored)
        {
            return new PinCheck(PinOutcome.NotSet, 0, null);
        }

        if (state.State.Attempts.IsLocked(now))
        {
            return new PinCheck(PinOutcome.Locked, 0, state.State.Attempts.LockedUntil);
        }

        var hadFailures = state.State.Attempts.Failures > 0 || state.State.Attempts.LockedUntil is not null;
        var check = state.State.Attempts.Record(stored.Matches(pin), now);
        if (check.Outcome != PinOutcome.Opened || hadFailures)
        {
            await state.WriteOrReloadAsync(this);
        }

        return check;
    }
}

[GenerateSerializer, Alias("pitstop.StaffPinState")]
public sealed class StaffPinState
{
    /// <summary>Null until a manager sets one: a member without a PIN has no card at the kiosk.</summary>
    [Id(0)] public PinHash? Pin { get; set; }

    [Id(1)] public PinAttempts Attempts { get; set; } = new();
}
