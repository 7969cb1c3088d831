using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// Tiers (program.md): a customer qualifies for the higher of their vehicle tier (best class among
/// active contracts) and their points tier (qualifying points over the last months).
/// </summary>
public sealed class TierRules(TierOptions options)
{
    public static Tier ForVehicle(VehicleClass? best) => best switch
    {
        VehicleClass.Performance => Tier.Platinum,
        VehicleClass.Mid => Tier.Gold,
        _ => Tier.Silver,
    };

    public Tier ForPoints(long qualifying) =>
        qualifying >= options.PlatinumPoints ? Tier.Platinum
        : qualifying >= options.GoldPoints ? Tier.Gold
        : Tier.Silver;

    public Tier Qualified(VehicleClass? bestClass, long qualifying) =>
        (Tier)Math.Max((int)ForVehicle(bestClass), (int)ForPoints(qualifying));

    /// <summary>The start of the window whose points qualify at <paramref name="now"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now.AddMonths(-options.QualifyingMonths);

    /// <summary>
    /// The tier above <paramref name="current"/> and the qualifying points it still needs (points
    /// are the only way up a customer controls); null at the top.
    /// </summary>
    public (Tier Next, long Needed)? Progress(Tier current, long qualifying) => current switch
    {
        Tier.Platinum => null,
        Tier.Gold => (Tier.Platinum, Math.Max(0, options.PlatinumPoints - qualifying)),
        _ => (Tier.Gold, Math.Max(0, options.GoldPoints - qualifying)),
    };
}
