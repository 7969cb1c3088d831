using System.ComponentModel.DataAnnotations;

namespace Pitstop.Grains.Configuration;

/// <summary>
/// The numbers of the loyalty and incentive program (program.md), bound from the <c>Program</c>
/// configuration section. The defaults are the program that ships. Not sealed only so that the API
/// can describe a version's body (the document and its start) with the document's schema.
/// </summary>
public class ProgramOptions
{
    public const string Section = "Program";

    public CustomerEarningOptions CustomerEarning { get; set; } = new();

    public TierOptions Tiers { get; set; } = new();

    public StaffKpiOptions StaffKpi { get; set; } = new();

    public BudgetOptions Budgets { get; set; } = new();

    public RecoveryOptions Recovery { get; set; } = new();

    public WorkshopOptions Workshop { get; set; } = new();

    public LeagueOptions League { get; set; } = new();

    /// <summary>Months after which earned points expire (program.md, expiry).</summary>
    [Range(1, 600)]
    public int PointsLifetimeMonths { get; set; } = 24;

    /// <summary>Days before a lot expires that its customer is told (once per expiry day).</summary>
    [Range(1, 365)]
    public int ExpiryNoticeDays { get; set; } = 30;

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

/// <summary>The customer-earning table of program.md.</summary>
public sealed class CustomerEarningOptions
{
    [Range(0, 1_000_000)]
    public int ScheduledVisit { get; set; } = 500;

    /// <summary>Share of an accessory purchase's amount (INR) the customer earns in points, before the tier multiplier.</summary>
    [Range(0.0, 1.0)]
    public decimal AccessoryShare { get; set; } = 0.05m;

    /// <summary>Share of an upsell purchase's amount (INR) the customer earns in points, before the tier multiplier.</summary>
    [Range(0.0, 1.0)]
    public decimal UpsellShare { get; set; } = 0.03m;

    /// <summary>A CSAT or NPS answer: once per job card; without one, once per <see cref="FeedbackWindowDays"/>.</summary>
    [Range(0, 1_000_000)]
    public int Feedback { get; set; } = 100;

    [Range(1, 365)]
    public int FeedbackWindowDays { get; set; } = 30;

    [Range(0, 10_000_000)]
    public int Referrer { get; set; } = 5_000;

    [Range(0, 10_000_000)]
    public int Referee { get; set; } = 2_500;

    /// <summary>A <c>new</c> contract, by vehicle class.</summary>
    public ContractPointsOptions NewContract { get; set; } = new() { Entry = 10_000, Mid = 20_000, Performance = 40_000 };

    /// <summary>A <c>renewal</c>, by vehicle class.</summary>
    public ContractPointsOptions Renewal { get; set; } = new() { Entry = 5_000, Mid = 10_000, Performance = 20_000 };

    /// <summary><c>lease_to_purchase</c>, <c>purchase_to_lease</c> and <c>buyout</c>.</summary>
    [Range(0, 10_000_000)]
    public int CrossQualification { get; set; } = 15_000;

    [Range(0, 10_000_000)]
    public int FinanceCompleted { get; set; } = 5_000;

    /// <summary>Added to every earning of a customer whose first contract is at least <see cref="LongTermLoyaltyYears"/> old.</summary>
    [Range(0.0, 10.0)]
    public decimal LongTermLoyaltyBonus { get; set; } = 0.10m;

    [Range(1, 50)]
    public int LongTermLoyaltyYears { get; set; } = 3;

    [Range(0.0, 10.0)]
    public decimal SilverMultiplier { get; set; } = 1.0m;

    [Range(0.0, 10.0)]
    public decimal GoldMultiplier { get; set; } = 1.25m;

    [Range(0.0, 10.0)]
    public decimal PlatinumMultiplier { get; set; } = 1.5m;
}

/// <summary>Contract points by vehicle class.</summary>
public sealed class ContractPointsOptions
{
    [Range(0, 10_000_000)]
    public int Entry { get; set; }

    [Range(0, 10_000_000)]
    public int Mid { get; set; }

    [Range(0, 10_000_000)]
    public int Performance { get; set; }
}

/// <summary>Tiers (program.md): the points that qualify, and how long an upgrade prompt stays open.</summary>
public sealed class TierOptions : IValidatableObject
{
    /// <summary>Points earned over this many months qualify for a tier.</summary>
    [Range(1, 60)]
    public int QualifyingMonths { get; set; } = 12;

    [Range(1, long.MaxValue)]
    public long GoldPoints { get; set; } = 50_000;

    [Range(1, long.MaxValue)]
    public long PlatinumPoints { get; set; } = 150_000;

    /// <summary>An upgrade prompt (after a verified CSAT 5) stays open this long unless a contract answers it.</summary>
    [Range(1, 3650)]
    public int UpgradePromptDays { get; set; } = 90;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PlatinumPoints <= GoldPoints)
        {
            yield return new ValidationResult("must be more than GoldPoints", [nameof(PlatinumPoints)]);
        }
    }
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
