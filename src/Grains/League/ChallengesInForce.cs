using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Staff;

namespace Pitstop.Grains.League;

/// <summary>
/// Which challenges judge an event (program.md; decisions.md, challenges as data): those whose scope
/// holds the event's dealership and that are in force at the event's time — from the start of
/// <see cref="Challenge.From"/> to the end of <see cref="Challenge.To"/> in the program's time zone,
/// and before <see cref="Challenge.ClosedAt"/>. A plain rule: the staff grain gathers the catalogue
/// and the states of the dealerships it needs (<paramref name="statesOf"/>) before deciding.
/// </summary>
public sealed class ChallengesInForce(IReadOnlyList<Challenge> challenges, IReadOnlyDictionary<string, string?> statesOf, ProgramCalendar calendar)
{
    public static ChallengesInForce None(ProgramCalendar calendar) => new([], new Dictionary<string, string?>(), calendar);

    /// <summary>Whether any challenge runs in a state, so that deciding needs to know which state a dealership is in.</summary>
    public static bool NeedStates(IEnumerable<Challenge> challenges) => challenges.Any(c => c.Scope.Kind == ChallengeScopeKind.State);

    /// <summary>The challenges that judge an event of <paramref name="dealershipId"/> at <paramref name="at"/>, by id.</summary>
    public IEnumerable<Challenge> At(string dealershipId, DateTimeOffset at) => challenges.Count == 0
        ? []
        : challenges.Where(c => Covers(c.Scope, dealershipId, statesOf.GetValueOrDefault(dealershipId)) && InForce(c, at, calendar))
            .OrderBy(c => c.ChallengeId, StringComparer.Ordinal);

    /// <summary>
    /// A member's standing in each challenge in force for their dealership at <paramref name="now"/>
    /// whose KPI their role can count, from what they counted (<see cref="ProgressKey"/>).
    /// </summary>
    public IReadOnlyList<ChallengeStanding> StandingsOf(StaffRole role, string dealershipId, DateTimeOffset now, IReadOnlyDictionary<string, ChallengeProgress> progress) =>
        [.. At(dealershipId, now).Where(c => Counts(role, c.Kpi)).Select(c =>
            progress.GetValueOrDefault(ProgressKey(c, calendar.MonthOf(now))) is { } counted
                ? new ChallengeStanding(c, counted.Count, counted.Completed)
                : new ChallengeStanding(c, 0, false))];

    public static bool InForce(Challenge challenge, DateTimeOffset at, ProgramCalendar calendar)
    {
        if (challenge.ClosedAt is { } closed && at >= closed)
        {
            return false;
        }

        var day = calendar.DayOf(at);
        return (challenge.From is not { } from || day >= from) && (challenge.To is not { } to || day <= to);
    }

    public static bool Covers(ChallengeScope scope, string dealershipId, string? state) => scope.Kind switch
    {
        ChallengeScopeKind.Dealership => scope.Id == dealershipId,
        ChallengeScopeKind.State => state is not null && scope.Id == state,
        _ => true,
    };

    /// <summary>Whether a member of <paramref name="role"/> can count <paramref name="kpi"/> at all (see <see cref="MonthAchievements.MetricsOf"/>).</summary>
    public static bool Counts(StaffRole role, LeagueMetric kpi) => (role, kpi) switch
    {
        (StaffRole.Technician, LeagueMetric.FirstTimeFix or LeagueMetric.OnTime or LeagueMetric.Csat5) => true,
        (StaffRole.Advisor, LeagueMetric.OnTime or LeagueMetric.Csat5 or LeagueMetric.Upsell) => true,
        _ => false,
    };

    /// <summary>
    /// The run of a challenge an event in <paramref name="month"/> counts towards: a dated challenge
    /// runs once (named by its first day), one without dates every month. Its bonus is paid once per run.
    /// </summary>
    public static string PeriodOf(Challenge challenge, string month) =>
        challenge.From is { } from ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : month;

    /// <summary>Where a member keeps their count of one run of a challenge.</summary>
    public static string ProgressKey(Challenge challenge, string month) => $"{challenge.ChallengeId}:{PeriodOf(challenge, month)}";

    /// <summary>
    /// Whether <paramref name="progressKey"/> is a monthly run (its period a <c>yyyy-MM</c>, where a
    /// dated run's is its first day) of a month before <paramref name="month"/>.
    /// </summary>
    public static bool IsMonthlyRunBefore(string progressKey, string month)
    {
        var period = progressKey.AsSpan(progressKey.LastIndexOf(':') + 1);
        return period.Length == month.Length && period.CompareTo(month, StringComparison.Ordinal) < 0;
    }
}
