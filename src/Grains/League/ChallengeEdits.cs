using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>
/// What may change in a challenge (decisions.md): anything before its first day; once it has
/// started members may have counted towards it and been paid, so only its title and its last day
/// may change — a different KPI, target, points, scope or first day would judge the same run twice
/// by two rules.
/// </summary>
public static class ChallengeEdits
{
    public static IReadOnlyList<string> RefusedFields(Challenge stored, Challenge proposed, DateTimeOffset now, ProgramCalendar calendar)
    {
        if (stored.From is { } from && now < calendar.StartOf(from))
        {
            return [];
        }

        List<string> refused = [];
        Refuse(stored.Kpi != proposed.Kpi, "kpi");
        Refuse(stored.Target != proposed.Target, "target");
        Refuse(stored.Points != proposed.Points, "points");
        Refuse(stored.Scope != proposed.Scope, "scope");
        Refuse(stored.From != proposed.From, "from");
        return refused;

        void Refuse(bool changed, string field)
        {
            if (changed)
            {
                refused.Add(field);
            }
        }
    }
}
