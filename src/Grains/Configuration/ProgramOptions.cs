using System.ComponentModel.DataAnnotations;

namespace Pitstop.Grains.Configuration;

/// <summary>
/// The numbers of the loyalty and incentive program (program.md), bound from the <c>Program</c>
/// configuration section. The defaults are the program that ships.
/// </summary>
public sealed class ProgramOptions
{
    public const string Section = "Program";

    public CustomerEarningOptions CustomerEarning { get; set; } = new();

    public StaffKpiOptions StaffKpi { get; set; } = new();

    public BudgetOptions Budgets { get; set; } = new();

    public RecoveryOptions Recovery { get; set; } = new();

    public WorkshopOptions Workshop { get; set; } = new();

    public LeagueOptions League { get; set; } = new();

    /// <summary>Months after which earned points expire (program.md, expiry).</summary>
    [Range(1, 600)]
    public int PointsLifetimeMonths { get; set; } = 24;

    /// <summary>
    /// How far the program's calendar runs ahead of the wall clock: zero in production; a rehearsal
    /// (or a test of a restarted silo) sets it to see what falls due days from now.
    /// </summary>
    [Range(typeof(TimeSpan), "-3650.00:00:00", "3650.00:00:00")]
    public TimeSpan ClockOffset { get; set; }

    /// <summary>The time zone of the program's days and months (IANA id).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Kolkata";
}

/// <summary>The auto top-up policy every dealership budget starts with (program.md).</summary>
public sealed class BudgetOptions
{
    [Range(0, long.MaxValue)]
    public long Threshold { get; set; } = 100_000;

    [Range(0, long.MaxValue)]
    public long Amount { get; set; } = 500_000;

    [Range(0, long.MaxValue)]
    public long MonthlyCap { get; set; } = 2_000_000;
}

public sealed class CustomerEarningOptions
{
    [Range(0, 1_000_000)]
    public int ScheduledVisit { get; set; } = 500;

    [Range(0.0, 10.0)]
    public decimal SilverMultiplier { get; set; } = 1.0m;

    [Range(0.0, 10.0)]
    public decimal GoldMultiplier { get; set; } = 1.25m;

    [Range(0.0, 10.0)]
    public decimal PlatinumMultiplier { get; set; } = 1.5m;
}

public sealed class StaffKpiOptions
{
    [Range(0, 100_000)]
    public int TechnicianOnTime { get; set; } = 50;

    [Range(0, 100_000)]
    public int TechnicianFirstTimeFix { get; set; } = 80;

    [Range(0, 100_000)]
    public int TechnicianZeroDefect { get; set; } = 30;

    /// <summary>Applied to a technician's points for a visit that is on time and first-time-fix.</summary>
    [Range(1.0, 10.0)]
    public decimal QualityAndPunctualityMultiplier { get; set; } = 1.2m;

    [Range(0, 100_000)]
    public int AdvisorOnTime { get; set; } = 30;

    [Range(0, 100_000)]
    public int AdvisorJobCardAccurate { get; set; } = 40;

    [Range(0, 100_000)]
    public int TechnicianCsat5 { get; set; } = 60;

    [Range(0, 100_000)]
    public int TechnicianCsat4 { get; set; } = 20;

    [Range(0, 100_000)]
    public int AdvisorCsat5 { get; set; } = 100;

    [Range(0, 100_000)]
    public int AdvisorCsat4 { get; set; } = 30;

    /// <summary>For an NPS answer of 9 or 10 (a promoter).</summary>
    [Range(0, 100_000)]
    public int AdvisorNpsPromoter { get; set; } = 50;

    /// <summary>Share of an upsell's amount (INR) the advisor earns in points.</summary>
    [Range(0.0, 1.0)]
    public decimal AdvisorUpsellShare { get; set; } = 0.02m;

    [Range(0, 100_000)]
    public int SupportClosedWithinSla { get; set; } = 40;

    [Range(0, 100_000)]
    public int SupportFirstResponse { get; set; } = 20;

    /// <summary>The first response that earns <see cref="SupportFirstResponse"/> comes at most this long after the case opened.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SupportFirstResponseWithin { get; set; } = TimeSpan.FromHours(2);

    [Range(0, 100_000)]
    public int SupportNotesComplete { get; set; } = 10;

    /// <summary>Points one spot award may carry (program.md: 1–500).</summary>
    [Range(1, 1_000_000)]
    public int SpotAwardMax { get; set; } = 500;

    /// <summary>Points one manager may give in spot awards in a month.</summary>
    [Range(0, 100_000_000)]
    public long SpotAwardMonthlyAllowance { get; set; } = 5_000;
}

/// <summary>Service recovery (program.md): triggers, severities, awards and the promises kept.</summary>
public sealed class RecoveryOptions
{
    /// <summary>A delivery this late or later opens (and closes) a delay incident.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DelayThreshold { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A delay longer than this is moderate; up to it, minor.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ModerateDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// An incident of a customer who had another within this many days before is major. At most two
    /// years: that is how long a customer remembers their incidents.
    /// </summary>
    [Range(0, 730)]
    public int RepeatWindowDays { get; set; } = 180;

    [Range(0, 10_000_000)]
    public long MinorAward { get; set; } = 5_000;

    [Range(0, 10_000_000)]
    public long ModerateAward { get; set; } = 15_000;

    [Range(0, 10_000_000)]
    public long MajorAward { get; set; } = 30_000;

    /// <summary>The recovery is promised within this long of the incident closing.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DeliveryPromise { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first check-in falls due this many days after the recovery is delivered.</summary>
    [Range(1, 365)]
    public int FirstFollowUpDays { get; set; } = 7;

    /// <summary>The second check-in; the API names a follow-up by its day.</summary>
    [Range(1, 365)]
    public int SecondFollowUpDays { get; set; } = 30;

    public IReadOnlyList<int> FollowUpDays => [FirstFollowUpDays, SecondFollowUpDays];

    /// <summary>A customer with a service visit within this many months of closure counts as retained.</summary>
    [Range(1, 120)]
    public int RetentionMonths { get; set; } = 12;
}
