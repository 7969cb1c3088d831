using System.Security.Claims;
using Pitstop.Api.League;
using Pitstop.Api.Performance;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The staff performance dashboard's route: CSAT by month, on-time delivery by dealership and
/// state, first-time fixes and repeat repairs per technician, upsells per advisor, and participation,
/// within the caller's scope. Each dealership month's counts are read from its month grain.
/// </summary>
public static class StaffPerformanceEndpoints
{
    public static RouteGroupBuilder MapStaffPerformance(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/staff-performance", GetAsync).WithTags("Analytics").WithName("StaffPerformance")
            .WithSummary("CSAT trend, on-time delivery, first-time fix and repeat repair per technician, upsells per advisor, participation")
            .WithDescription("For the dealerships of the caller's scope the dealershipId and state filters select. month (yyyy-MM, default this month) " +
                $"is the month reported; csatTrend covers months months ending with it (default {AnalyticsMonths.DefaultMonths}, at most {AnalyticsMonths.MaxMonths}). " +
                "Counted from the dealer systems' events by the month they occurred in, once each, since the engine keeps these counts " +
                "(docs/decisions.md). Rates are null where nothing was counted. upsellsPerVisit is upsells sold over visits advised: the events " +
                "carry no offers, so no share of offers converted is reported. participation: registered staff (PUT /staff, the staff import) " +
                "and those of them with a league score above zero in the month.")
            .Produces<StaffPerformance>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ScopedRead);
        return api;
    }

    private static async Task<IResult> GetAsync(
        string? month, string? months, string? dealershipId, string? state, ClaimsPrincipal user, IGrainFactory grains, LeagueMonths league,
        LeaderboardReplicas boards)
    {
        var errors = new FieldErrors();
        var trend = AnalyticsMonths.Read(month, months, league.Current(), errors);
        AnalyticsScope.Validate(dealershipId, state, errors);
        if (trend is null || !errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (covered, refused) = await AnalyticsScope.ResolveAsync(dealershipId, state, new Caller(user), grains);
        if (refused is not null)
        {
            return refused;
        }

        var counts = await Task.WhenAll(covered.Keys.SelectMany(d => trend.Select(async m =>
            (Key: (d, m), Counts: await grains.Reference<IDealershipMonthGrain>(DealershipMonths.KeyOf(d, m)).PerformanceAsync()))));
        var rosters = await Task.WhenAll(covered.Keys.Select(async d => (Dealership: d, Roster: await grains.Reference<IStaffRosterGrain>(d).ListAsync())));
        var earned = await EarnedAsync(trend[^1], rosters, boards);

        return TypedResults.Ok(StaffPerformanceReport.Build(
            dealershipId, state, covered, trend, counts.ToDictionary(c => c.Key, c => c.Counts),
            rosters.ToDictionary(r => r.Dealership, r => r.Roster, StringComparer.Ordinal), earned));
    }

    /// <summary>The staff with a score above zero on their dealership's board of their role in <paramref name="month"/>.</summary>
    private static async Task<IReadOnlySet<string>> EarnedAsync(
        string month, IEnumerable<(string Dealership, IReadOnlyList<RosterMember> Roster)> rosters, LeaderboardReplicas boards)
    {
        var reads = rosters.SelectMany(r => r.Roster.Select(m => m.Role).Distinct().Select(role =>
            boards.ReadAsync(LeaderboardKey.Of(role, month, LeaderboardKey.Dealership(r.Dealership)), board => board.Snapshot()).AsTask()));
        var scores = await Task.WhenAll(reads);
        return scores.SelectMany(s => s).Where(s => s.Score > 0).Select(s => s.StaffId).ToHashSet(StringComparer.Ordinal);
    }

}
