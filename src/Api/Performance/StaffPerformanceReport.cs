using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Performance;

/// <summary>
/// Builds <see cref="StaffPerformance"/> from what the engine keeps: each dealership month's
/// counts, each dealership's roster, and who of the roster has a score on the month's boards.
/// </summary>
public static class StaffPerformanceReport
{
    /// <param name="dealerships">The covered dealerships and their states.</param>
    /// <param name="months">The trend's months, oldest first; the last is the month reported.</param>
    /// <param name="counts">Each covered dealership's counts by month.</param>
    /// <param name="rosters">Each covered dealership's registered staff.</param>
    /// <param name="earned">Staff ids with a league score above zero in the month reported.</param>
    public static StaffPerformance Build(
        string? dealershipId, string? state, IReadOnlyDictionary<string, string> dealerships, IReadOnlyList<string> months,
        IReadOnlyDictionary<(string Dealership, string Month), PerformanceMonth> counts,
        IReadOnlyDictionary<string, IReadOnlyList<RosterMember>> rosters, IReadOnlySet<string> earned)
    {
        var month = months[^1];
        PerformanceMonth Of(string dealership, string m) => counts.GetValueOrDefault((dealership, m)) ?? PerformanceMonth.None;
        var names = rosters.Values.SelectMany(r => r).GroupBy(m => m.StaffId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var ordered = dealerships.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

        var trend = months.Select(m =>
        {
            var all = ordered.Select(d => Of(d.Key, m)).ToList();
            var answers = all.Sum(c => c.CsatAnswers);
            return new CsatMonth(m, answers, Rate(all.Sum(c => c.CsatSum), answers), Rate(all.Sum(c => c.CsatSatisfied), answers));
        }).ToList();

        var onTime = ordered.Select(d => (d.Key, State: d.Value, Counts: Of(d.Key, month)))
            .Select(d => new OnTimeFigures(d.Key, d.State, d.Counts.Visits, d.Counts.OnTime, Rate(d.Counts.OnTime, d.Counts.Visits))).ToList();
        var byState = onTime.GroupBy(d => d.State, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OnTimeFigures(null, g.Key, g.Sum(d => d.Visits), g.Sum(d => d.OnTime), Rate(g.Sum(d => d.OnTime), g.Sum(d => d.Visits)))).ToList();

        var technicians = ordered.SelectMany(d => Of(d.Key, month).Technicians.Select(t => new TechnicianFigures(
                t.Key, names.GetValueOrDefault(t.Key), d.Key, t.Value.Visits, t.Value.FirstTimeFixes, Rate(t.Value.FirstTimeFixes, t.Value.Visits),
                t.Value.RepeatRepairs, Rate(t.Value.RepeatRepairs, t.Value.Visits))))
            .OrderByDescending(t => t.Visits).ThenBy(t => t.StaffId, StringComparer.Ordinal).ToList();
        var advisors = ordered.SelectMany(d => Of(d.Key, month).Advisors.Select(a => new AdvisorFigures(
                a.Key, names.GetValueOrDefault(a.Key), d.Key, a.Value.Visits, a.Value.Upsells, Rate(a.Value.Upsells, a.Value.Visits))))
            .OrderByDescending(a => a.Upsells).ThenBy(a => a.StaffId, StringComparer.Ordinal).ToList();

        var participation = ordered.Select(d =>
        {
            var roster = rosters.GetValueOrDefault(d.Key) ?? [];
            long registered = roster.Count;
            long withPoints = roster.Count(m => earned.Contains(m.StaffId));
            return new DealershipParticipation(d.Key, d.Value, registered, withPoints, Rate(withPoints, registered));
        }).ToList();
        var totalRegistered = participation.Sum(p => p.Registered);
        var totalEarned = participation.Sum(p => p.Earned);

        return new StaffPerformance(
            month, dealershipId, state, trend, onTime, byState, technicians, advisors,
            new Participation(totalRegistered, totalEarned, Rate(totalEarned, totalRegistered), participation));
    }

    private static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
