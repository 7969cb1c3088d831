using System.Globalization;
using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// Recovery analytics (api.md): the dealership desks' figures for incidents opened in [from, to),
/// merged by kind, severity, dealership and state. Sums travel; shares and averages are derived here.
/// </summary>
public static class RecoveryAnalyticsEndpoints
{
    public static RouteGroupBuilder MapRecoveryAnalytics(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/recovery", GetAsync).WithTags("Analytics").WithName("RecoveryAnalytics")
            .WithSummary("Incidents, share recovered within 24 h, NPS before vs after, customers retained, points spent and redeemed, expectations exceeded, complaints escalated")
            .WithDescription("For incidents opened in [from, to), within the caller's scope, in total and by kind, severity, dealership and state. " +
                "npsBefore / npsAfter: Net Promoter Score (% promoters 9-10 minus % detractors 0-6, -100 to 100) of the customer's last NPS answer " +
                "before the incident and first answer after its closure, beside averageNpsBefore / averageNpsAfter (the mean 0-10 score) and the " +
                "number of answers both rest on (npsBeforeAnswers / npsAfterAnswers). Absent when there is no answer. " +
                "The programme's recovery KPIs: shareExceededExpectations (of the expectationsAnswered recoveries whose latest follow-up said " +
                "exceeded | met | below, those that said exceeded), recoveryPointsRedeemed of recoveryPointsIssued (points of delivered recoveries " +
                "their customers redeemed after receiving them, net of cancellations) and shareRecoveryPointsRedeemed, and escalationRate " +
                "(escalatedComplaints of complaints: a support case of the customer opened after the complaint and before its recovery was delivered). " +
                "Shares are absent when there is nothing to divide by.")
            .Produces<RecoveryAnalytics>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.RecoveryRead);
        return api;
    }

    /// <summary>
    /// One group's figures. NPS as the programmes measure it (% promoters − % detractors) stands
    /// beside the average score, before the incident and after its closure, with the number of
    /// answers each rests on: a score of two answers and one of two hundred read differently. The
    /// programme's recovery KPIs follow, each with the counts its share rests on.
    /// </summary>
    public sealed record Figures(
        int Incidents, int Closed, int Recovered, int SlaDecided, int WithinSla, double? ShareWithinSla,
        double? AverageNpsBefore, double? AverageNpsAfter, int Retained, long PointsSpent,
        double? NpsBefore, double? NpsAfter, int NpsBeforeAnswers, int NpsAfterAnswers,
        int ExpectationsAnswered, int ExceededExpectations, double? ShareExceededExpectations,
        long RecoveryPointsIssued, long RecoveryPointsRedeemed, double? ShareRecoveryPointsRedeemed,
        int Complaints, int EscalatedComplaints, double? EscalationRate)
    {
        public static Figures Of(RecoveryFigures f) => new(
            f.Incidents, f.Closed, f.Recovered, f.SlaDecided, f.WithinSla, f.ShareWithinSla, f.AverageNpsBefore, f.AverageNpsAfter, f.Retained, f.PointsSpent,
            f.NpsBefore, f.NpsAfter, f.NpsBeforeCount, f.NpsAfterCount,
            f.ExpectationsAnswered, f.ExceededExpectations, f.ShareExceededExpectations,
            f.PointsSpent, f.RecoveryPointsRedeemed, f.ShareRecoveryPointsRedeemed,
            f.Complaints, f.EscalatedComplaints, f.EscalationRate);
    }

    public sealed record KindFigures(IncidentKind Kind, Figures Figures);

    public sealed record SeverityFigures(IncidentSeverity Severity, Figures Figures);

    public sealed record DealershipFigures(string DealershipId, string State, Figures Figures);

    public sealed record StateFigures(string State, Figures Figures);

    public sealed record RecoveryAnalytics(
        DateTimeOffset? From, DateTimeOffset? To, string? DealershipId, string? State, Figures Total,
        IReadOnlyList<KindFigures> ByKind, IReadOnlyList<SeverityFigures> BySeverity,
        IReadOnlyList<DealershipFigures> ByDealership, IReadOnlyList<StateFigures> ByState);

    private static async Task<IResult> GetAsync(
        string? from, string? to, string? dealershipId, string? state, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var start = ReadTime("from", from, errors);
        var end = ReadTime("to", to, errors);
        if (start is not null && end is not null && end < start)
        {
            errors.Add("to", "must not be before from");
        }

        AnalyticsScope.Validate(dealershipId, state, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (dealerships, refused) = await AnalyticsScope.ResolveAsync(dealershipId, state, new Caller(user), grains);
        if (refused is not null)
        {
            return refused;
        }
        var buckets = (await Task.WhenAll(dealerships.Keys.Select(d => grains.Reference<IRecoveryDeskGrain>(d).StatsAsync(start, end))))
            .SelectMany(b => b).ToList();

        static Figures Sum(IEnumerable<RecoveryBucket> of) => Figures.Of(of.Aggregate(RecoveryFigures.Zero, (sum, b) => sum.Add(b.Figures)));

        return TypedResults.Ok(new RecoveryAnalytics(
            start, end, dealershipId, state, Sum(buckets),
            [.. buckets.GroupBy(b => b.Kind).OrderBy(g => g.Key).Select(g => new KindFigures(g.Key, Sum(g)))],
            [.. buckets.GroupBy(b => b.Severity).OrderBy(g => g.Key).Select(g => new SeverityFigures(g.Key, Sum(g)))],
            [.. buckets.GroupBy(b => b.DealershipId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new DealershipFigures(g.Key, dealerships[g.Key], Sum(g)))],
            [.. buckets.GroupBy(b => dealerships[b.DealershipId]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new StateFigures(g.Key, Sum(g)))]));
    }

    private static DateTimeOffset? ReadTime(string name, string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        // The offset is required: a time without one would be read in the server's own time zone.
        if (value.Length <= 40 && FieldReader.IsRfc3339(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(name, "must be an RFC 3339 timestamp with offset, e.g. 2026-11-01T00:00:00+05:30");
        return null;
    }
}
