using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Grains.Versions;

/// <summary>
/// Which version judges what (decisions.md, program versions): of the versions in force at an
/// instant (effective from then or before), the one that took effect last — a pilot only for the
/// events of its dealerships and states that occur before its end. The pilots do not hide a later
/// general version: a version for everyone, effective after a pilot began, judges the pilot's
/// dealerships too.
/// </summary>
public sealed class ProgramVersionBook(IReadOnlyList<ProgramInForce> versions)
{
    public IReadOnlyList<ProgramInForce> Versions => versions;

    /// <summary>The version that judges an event of <paramref name="dealershipId"/> (in <paramref name="state"/>, when known) occurring at <paramref name="at"/>.</summary>
    public ProgramInForce At(DateTimeOffset at, string? dealershipId, string? state)
    {
        var number = InForce(versions.Select(v => v.Version), at, dealershipId, state).Number;
        return versions.First(v => v.Number == number);
    }

    /// <summary>Of <paramref name="versions"/>, the one that judges an event of <paramref name="dealershipId"/> (in <paramref name="state"/>) at <paramref name="at"/>; without a dealership, the version for everyone.</summary>
    public static ProgramVersion InForce(IEnumerable<ProgramVersion> versions, DateTimeOffset at, string? dealershipId, string? state)
    {
        ProgramVersion? best = null;
        foreach (var v in versions)
        {
            if (v.EffectiveFrom > at || !Covers(v.Pilot, at, dealershipId, state))
            {
                continue;
            }

            if (best is null || v.EffectiveFrom > best.EffectiveFrom || (v.EffectiveFrom == best.EffectiveFrom && v.Number > best.Number))
            {
                best = v;
            }
        }

        return best ?? throw new InvalidOperationException("no program version is in force: version 1 is in force since the beginning of time");
    }

    /// <summary>Whether a state's pilot is in force at <paramref name="at"/>: a dealership's pilot state must then be known.</summary>
    public bool PilotsStatesAt(DateTimeOffset at) =>
        versions.Any(v => v.Version.Pilot is { States.Count: > 0 } pilot && v.Version.EffectiveFrom <= at && at < pilot.Until);

    private static bool Covers(ProgramPilot? pilot, DateTimeOffset at, string? dealershipId, string? state) =>
        pilot is null
        || (at < pilot.Until
            && ((dealershipId is not null && pilot.Dealerships.Contains(dealershipId, StringComparer.Ordinal))
                || (state is not null && pilot.States.Contains(state, StringComparer.Ordinal))));
}
