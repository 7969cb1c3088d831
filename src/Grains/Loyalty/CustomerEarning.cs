using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>The customer-earning table of program.md: how many points an event earns a customer.</summary>
public sealed class CustomerEarning(CustomerEarningOptions options)
{
    /// <summary>Only scheduled visits earn service points; repairs, warranty and accident work do not.</summary>
    public long ForVisit(VisitCompleted visit, Tier tier) =>
        visit.VisitKind == VisitKind.Scheduled ? Scale(options.ScheduledVisit, tier) : 0;

    public decimal Multiplier(Tier tier) => tier switch
    {
        Tier.Gold => options.GoldMultiplier,
        Tier.Platinum => options.PlatinumMultiplier,
        _ => options.SilverMultiplier,
    };

    // Points are whole numbers; fractions from multipliers are rounded down so a member is
    // never promised a point the budget did not fund.
    private long Scale(long points, Tier tier) => (long)decimal.Floor(points * Multiplier(tier));
}
