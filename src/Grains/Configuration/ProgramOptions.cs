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

    /// <summary>Months after which earned points expire (program.md, expiry).</summary>
    [Range(1, 600)]
    public int PointsLifetimeMonths { get; set; } = 24;

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
}
