using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Pitstop.Api.League;
using Pitstop.Api.Performance;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The staff performance dashboard's route: CSAT by month, on-time delivery by dealership and
/// state, first-time fixes and repeat repairs per technician, upsells per advisor, and participation,
/// within the caller's scope. Each dealership month's counts are read from its month grain.
/// </summary>
public static partial class StaffPerformanceEndpoints
{
    public const int DefaultMonths = 6;
    public const int MaxMonths = 12;

    public static RouteGroupBuilder MapStaffPerformance(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/staff-performance", GetAsync).WithTags("Analytics").WithName("StaffPerformance")
            .WithSummary("CSAT trend, on-time delivery, first-time fix and repeat repair per technician, upsells per advisor, participation")
            .WithDescription("For the dealerships of the caller's scope the dealershipId and state filters select. month (yyyy-MM, default this month) " +
                $"is the month reported; csatTrend covers months months ending with it (default {DefaultMonths}, at most {MaxMonths}). " +
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
        month ??= league.Current();
        if (!Month().IsMatch(month))
        {
            errors.Add("month", "must be a month, yyyy-MM");
        }

        var span = DefaultMonths;
        if (months is not null && (!int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out span) || span is < 1 or > MaxMonths))
        {
            errors.Add("months", $"must be a whole number from 1 to {MaxMonths}");
        }

        AnalyticsScope.Validate(dealershipId, state, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (covered, refused) = await AnalyticsScope.ResolveAsync(dealershipId, state, new Caller(user), grains);
        if (refused is not null)
        {
            return refused;
        }

        var trend = new List<string> { month };
        while (trend.Count < span)
        {
            trend.Insert(0, ProgramCalendar.PreviousMonth(trend[0]));
        }

        var counts = await Task.WhenAll(covered.Keys.SelectMany(d => trend.Select(async m =>
            (Key: (d, m), Counts: await grains.Reference<IDealershipMonthGrain>(DealershipMonths.KeyOf(d, m)).PerformanceAsync()))));
        var rosters = await Task.WhenAll(covered.Keys.Select(async d => (Dealership: d, Roster: await grains.Reference<IStaffRosterGrain>(d).ListAsync())));
        var earned = await EarnedAsync(month, rosters, boards);

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

    [GeneratedRegex(@"\A\d{4}-(0[1-9]|1[0-2])\z")]
    private static partial Regex Month();
}
