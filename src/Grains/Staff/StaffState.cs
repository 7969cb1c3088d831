using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Wallets;

namespace Pitstop.Grains.Staff;

[GenerateSerializer, Alias("pitstop.StaffState")]
public sealed class StaffState : MemberState
{
    /// <summary>Null until an event names the member: the field naming them gives the role.</summary>
    [Id(0)]
    public StaffRole? Role { get; set; }

    [Id(1)]
    public string DealershipId { get; set; } = "";

    [Id(2)]
    public long KpiPoints { get; set; }

    /// <summary>League score per month (<c>yyyy-MM</c>): the KPI points of the month, less what was reversed.</summary>
    [Id(3)]
    public Dictionary<string, long> MonthScores { get; set; } = [];

    /// <summary>
    /// Months whose boards lacked the latest score, in states stored before scores left through
    /// the outbox: read only to move them there (<see cref="StaffGrain"/> does on activation).
    /// </summary>
    [Id(4)]
    public HashSet<string> BoardsBehindStoredEarlier { get; set; } = [];

    /// <summary>Puts the latest score of each month a state stored earlier left behind into the outbox.</summary>
    public void MoveBoardsBehindStoredEarlier()
    {
        foreach (var month in BoardsBehindStoredEarlier)
        {
            StaffDecider.TellBoards(this, month);
        }

        BoardsBehindStoredEarlier.Clear();
    }

    /// <summary>The state of the member's dealership (the state-scope board), once looked up.</summary>
    [Id(5)]
    public string? DealershipState { get; set; }

    /// <summary>
    /// Zero-defect points earned on job cards, by job card id, while a quality defect could still
    /// cancel them (see <see cref="StaffGrain"/>).
    /// </summary>
    [Id(7)]
    public Dictionary<string, ZeroDefectEarned> ZeroDefect { get; set; } = [];

    /// <summary>The member's name, from reference data (<c>PUT /staff/{id}</c>); null until given.</summary>
    [Id(9)]
    public string? Name { get; set; }

    /// <summary>The member's job title in the HR system, from reference data; null until given.</summary>
    [Id(10)]
    public string? Designation { get; set; }

    /// <summary>
    /// What the member did this month (yyyy-MM) towards badges and challenges, and what they earned;
    /// ended months go as a new one starts (states stored before keep up to 24 until then).
    /// </summary>
    [Id(8)]
    public Dictionary<string, LeagueMonthRecord> Achievements { get; set; } = [];

    /// <summary>
    /// What the member counted towards each run of a challenge, by
    /// <see cref="League.ChallengesInForce.ProgressKey"/>; runs not counted for a year, and monthly
    /// runs of ended months, are dropped.
    /// </summary>
    [Id(11)]
    public Dictionary<string, ChallengeProgress> ChallengeProgress { get; set; } = [];

    /// <summary>Spot awards received, by award id (each received once).</summary>
    [Id(6)]
    public Dictionary<string, SpotAward> SpotAwards { get; set; } = [];
}

/// <summary>Zero-defect points of one visit: the award that carried them and the dealership that paid it.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ZeroDefectEarned")]
public sealed record ZeroDefectEarned(
    [property: Id(0)] string TransferId,
    [property: Id(1)] long Points,
    [property: Id(2)] string DealershipId,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Alias("pitstop.LeagueMonthRecord")]
public sealed class LeagueMonthRecord
{
    [Id(0)] public Dictionary<LeagueMetric, int> Counts { get; set; } = [];

    /// <summary>Badges and challenges reached (<see cref="MonthAchievements.BadgeKey"/>, <see cref="MonthAchievements.ChallengeKey"/>).</summary>
    [Id(1)] public HashSet<string> Earned { get; set; } = [];
}

/// <summary>A member's count towards one run of a challenge, and whether it reached the target (paid once).</summary>
[GenerateSerializer, Alias("pitstop.ChallengeProgress")]
public sealed class ChallengeProgress
{
    [Id(0)] public int Count { get; set; }

    [Id(1)] public bool Completed { get; set; }

    /// <summary>When the member last counted towards it: what keeps it in state.</summary>
    [Id(2)] public DateTimeOffset LastCounted { get; set; }
}
