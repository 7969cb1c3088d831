using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Staff;
using Pitstop.Grains.Wallets;
using Pitstop.Grains.Workshop;

namespace Pitstop.Grains.Versions;

/// <summary>
/// One version of the program as the grains decide with it: its number, its settings and the rule
/// objects built from them, once per version (a silo builds each version it learns of once and
/// keeps it).
/// </summary>
public sealed class ProgramInForce
{
    public ProgramInForce(ProgramVersion version, ProgramOptions program, ProgramCalendar calendar)
    {
        Version = version;
        Program = program;
        Customer = new CustomerDecider(program, calendar, version.Number);
        Staff = new StaffDecider(program, calendar, version.Number);
        Earning = new CustomerEarning(program.CustomerEarning);
        Tiers = new TierRules(program.Tiers);
        Recovery = new RecoveryRules(program.Recovery);
        Lots = new LotCalendar(calendar, program.PointsLifetimeMonths);
        Workshop = new JobCardSlaRules(program.Workshop);
    }

    public ProgramVersion Version { get; }

    public int Number => Version.Number;

    public ProgramOptions Program { get; }

    public CustomerDecider Customer { get; }

    public StaffDecider Staff { get; }

    public CustomerEarning Earning { get; }

    public TierRules Tiers { get; }

    public RecoveryRules Recovery { get; }

    /// <summary>When a lot earned under this version expires.</summary>
    public LotCalendar Lots { get; }

    public JobCardSlaRules Workshop { get; }
}
