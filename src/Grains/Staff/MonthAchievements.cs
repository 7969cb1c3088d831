using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Staff;

/// <summary>
/// Badges as plain rules: what an event counts towards (badges and challenges alike), and which
/// badges a month's counts have newly reached, once per month per member. Which challenges judge an
/// event is <see cref="League.ChallengesInForce"/>'s.
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
    /// <remarks>
    /// Asked on every event that counts towards a badge, and most reach none: a loop that allocates
    /// nothing then, and makes a badge's key only for a badge reached.
    /// </remarks>
    public IReadOnlyList<string> NewBadges(IReadOnlyDictionary<LeagueMetric, int> counts, IReadOnlySet<string> earned)
    {
        List<string>? reached = null;
        foreach (var (id, badge) in options.Badges)
        {
            if (badge.Count > 0 && counts.GetValueOrDefault(badge.Metric) >= badge.Count && !earned.Contains(BadgeKey(id)))
            {
                (reached ??= []).Add(id);
            }
        }

        if (reached is null)
        {
            return [];
        }

        reached.Sort(StringComparer.Ordinal);
        return reached;
    }

    public static string BadgeKey(string id) => $"badge:{id}";

    public static string ChallengeKey(string id) => $"challenge:{id}";

    /// <summary>The badge ids among earned keys, in id order.</summary>
    public static IReadOnlyList<string> BadgesOf(IEnumerable<string> earned) => IdsOf(earned, BadgeKey(""));

    /// <summary>The challenge ids among earned keys, in id order.</summary>
    public static IReadOnlyList<string> ChallengesOf(IEnumerable<string> earned) => IdsOf(earned, ChallengeKey(""));

    private static IReadOnlyList<string> IdsOf(IEnumerable<string> earned, string prefix) =>
        [.. earned.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)];
}
