using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// What each incident adds to the recovery analytics, summed by kind and severity: the desk and
/// its archives answer the same buckets for the incidents each holds.
/// </summary>
public sealed class IncidentFigures(RecoveryRules rules)
{
    /// <summary>The figures of <paramref name="incidents"/> by kind and severity, in that order.</summary>
    public IReadOnlyList<RecoveryBucket> Buckets(string dealershipId, IEnumerable<IncidentSummary> incidents, DateTimeOffset now) =>
        [.. incidents
            .GroupBy(i => (i.Kind, i.Severity))
            .OrderBy(g => g.Key)
            .Select(g => new RecoveryBucket(dealershipId, g.Key.Kind, g.Key.Severity, g.Select(i => Of(i, now)).Aggregate(RecoveryFigures.Zero, (sum, f) => sum.Add(f))))];

    /// <summary>Buckets of one dealership summed by kind and severity, in that order.</summary>
    public static IReadOnlyList<RecoveryBucket> Sum(string dealershipId, IEnumerable<RecoveryBucket> buckets) =>
        [.. buckets
            .GroupBy(b => (b.Kind, b.Severity))
            .OrderBy(g => g.Key)
            .Select(g => new RecoveryBucket(dealershipId, g.Key.Kind, g.Key.Severity, g.Aggregate(RecoveryFigures.Zero, (sum, b) => sum.Add(b.Figures))))];

    public RecoveryFigures Of(IncidentSummary i, DateTimeOffset now)
    {
        var closed = i.ClosedAt is not null;
        var delivered = i.DeliveredAt is not null;
        var breached = i.ClosedAt is { } closedAt && rules.Breached(closedAt, i.DeliveredAt, now);
        return new RecoveryFigures(
            Incidents: 1,
            Closed: closed ? 1 : 0,
            Recovered: delivered ? 1 : 0,
            SlaDecided: delivered || breached ? 1 : 0,
            WithinSla: delivered && !breached ? 1 : 0,
            NpsBeforeSum: i.NpsBefore ?? 0,
            NpsBeforeCount: i.NpsBefore is null ? 0 : 1,
            NpsAfterSum: i.NpsAfter ?? 0,
            NpsAfterCount: i.NpsAfter is null ? 0 : 1,
            Retained: i.Retained ? 1 : 0,
            PointsSpent: delivered ? i.Points : 0,
            NpsBeforePromoters: Counts(i.NpsBefore, RecoveryFigures.IsPromoter),
            NpsBeforeDetractors: Counts(i.NpsBefore, RecoveryFigures.IsDetractor),
            NpsAfterPromoters: Counts(i.NpsAfter, RecoveryFigures.IsPromoter),
            NpsAfterDetractors: Counts(i.NpsAfter, RecoveryFigures.IsDetractor),
            ExpectationsAnswered: i.Expectations is null ? 0 : 1,
            ExceededExpectations: i.Expectations == RecoveryExpectations.Exceeded ? 1 : 0,
            RecoveryPointsRedeemed: delivered ? i.PointsRedeemed : 0,
            Complaints: i.Kind == IncidentKind.Complaint ? 1 : 0,
            EscalatedComplaints: i.Escalated ? 1 : 0);
    }

    /// <summary>1 when there is an answer and it is of the kind asked, else 0.</summary>
    private static int Counts(int? score, Func<int, bool> kind) => score is { } answer && kind(answer) ? 1 : 0;
}
