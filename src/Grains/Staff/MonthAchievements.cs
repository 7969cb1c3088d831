using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Staff;

/// <summary>
/// Badges and challenges as plain rules: what an event counts towards, and which badges and
/// challenges a month's counts have newly reached. Each is reached once per month per member.
/// </summary>
public sealed class MonthAchievements(LeagueOptions options)
{
    /// <summary>The metrics an event counts for a member in <paramref name="role"/>.</summary>
    public static IEnumerable<LeagueMetric> MetricsOf(EventData data, StaffRole role)
    {
        switch (data)
        {
            case VisitCompleted visit when role is StaffRole.Technician or StaffRole.Advisor:
                if (visit.DeliveredOnTime)
                {
                    yield return LeagueMetric.OnTime;
                }

                if (visit.FirstTimeFix && role == StaffRole.Technician)
                {
                    yield return LeagueMetric.FirstTimeFix;
                }

                break;
            case CsatSubmitted { Score: 5 } when role is StaffRole.Technician or StaffRole.Advisor:
                yield return LeagueMetric.Csat5;
                break;
            case UpsellSold when role == StaffRole.Advisor:
                yield return LeagueMetric.Upsell;
                break;
        }
    }

    /// <summary>Badges the counts reach that are not in <paramref name="earned"/>, by id order.</summary>
    public IEnumerable<string> NewBadges(IReadOnlyDictionary<LeagueMetric, int> counts, IReadOnlySet<string> earned) =>
        options.Badges
            .Where(b => b.Value.Count > 0 && !earned.Contains(BadgeKey(b.Key)) && counts.GetValueOrDefault(b.Value.Metric) >= b.Value.Count)
            .Select(b => b.Key).Order(StringComparer.Ordinal);

    /// <summary>Challenges of <paramref name="month"/> the counts reach that are not in <paramref name="earned"/>.</summary>
    public IEnumerable<(string Id, ChallengeRule Rule)> NewChallenges(string month, IReadOnlyDictionary<LeagueMetric, int> counts, IReadOnlySet<string> earned) =>
        options.Challenges
            .Where(c => c.Value.Count > 0 && (c.Value.Month.Length == 0 || c.Value.Month == month)
                && !earned.Contains(ChallengeKey(c.Key)) && counts.GetValueOrDefault(c.Value.Metric) >= c.Value.Count)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value));

    public static string BadgeKey(string id) => $"badge:{id}";

    public static string ChallengeKey(string id) => $"challenge:{id}";

    /// <summary>The badge ids among earned keys, in id order.</summary>
    public static IReadOnlyList<string> BadgesOf(IEnumerable<string> earned) => IdsOf(earned, BadgeKey(""));

    /// <summary>The challenge ids among earned keys, in id order.</summary>
    public static IReadOnlyList<string> ChallengesOf(IEnumerable<string> earned) => IdsOf(earned, ChallengeKey(""));

    private static IReadOnlyList<string> IdsOf(IEnumerable<string> earned, string prefix) =>
        [.. earned.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)];
}
