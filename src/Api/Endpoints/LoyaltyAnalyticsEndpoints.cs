using System.Security.Claims;
using Pitstop.Api.Loyalty;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The loyalty dashboard's route: customers by tier (each dealership's census of its home
/// customers), the points its budget issued to customers against those its customers redeemed (the
/// journal), and from each dealership's loyalty months the tier upgrades and renewals by month,
/// the month's redemptions by category and city, and its referrals.
/// </summary>
public static class LoyaltyAnalyticsEndpoints
{
    public static RouteGroupBuilder MapLoyaltyAnalytics(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/loyalty", GetAsync).WithTags("Analytics").WithName("LoyaltyAnalytics")
            .WithSummary("Customers by tier, points issued vs redeemed, tier upgrades and renewals by month, redemptions by category and city, referrals")
            .WithDescription("For the home customers of one dealership (?dealershipId=), one state (?state=) or the caller's whole scope. Admins, regional " +
                "leads, service heads, workshop managers and cx. customers, tiers, pointsIssued and pointsRedeemed are to date. month (yyyy-MM of the " +
                $"program's calendar, default this month) is the month reported: tierMovesByMonth covers months months ending with it (default " +
                $"{AnalyticsMonths.DefaultMonths}, at most {AnalyticsMonths.MaxMonths}); redemptions (placed in the month, net of those cancelled since) " +
                "by catalog category and by the home dealership's city, and referrals (codes first handed out by GET /customers/{id}/referral-code, " +
                "conversions rewarded, the points they earned) are of the month. A renewal is a yearly review that kept a tier above Silver.")
            .Produces<LoyaltyAnalytics>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.RecoveryRead);
        return api;
    }

    private static async Task<IResult> GetAsync(
        string? month, string? months, string? dealershipId, string? state, ClaimsPrincipal user, IGrainFactory grains, LeagueMonths calendar)
    {
        var errors = new FieldErrors();
        var trend = AnalyticsMonths.Read(month, months, calendar.Current(), errors);
        AnalyticsScope.Validate(dealershipId, state, errors);
        if (trend is null || !errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (covered, refused) = await AnalyticsScope.ResolveProfilesAsync(dealershipId, state, new Caller(user), grains);
        if (refused is not null)
        {
            return refused;
        }

        var dealerships = covered.Keys.ToList();
        var censuses = dealerships.SelectMany(TierCensus.KeysOf).Select(key => grains.Reference<ITierCensusGrain>(key).CountsAsync());
        var tiers = (await Task.WhenAll(censuses)).Aggregate(TierCounts.None, (sum, slice) => sum.Plus(slice));
        var flows = (await grains.Reference<ILedgerGrain>(0).CustomerFlowsAsync(dealerships)).Values
            .Aggregate(CustomerPointsFlow.None, (sum, f) => new CustomerPointsFlow(sum.Issued + f.Issued, sum.Redeemed + f.Redeemed));
        var figures = await Task.WhenAll(dealerships.SelectMany(d => trend.Select(async m =>
            (Key: (d, m), Figures: await grains.Reference<ILoyaltyMonthGrain>(LoyaltyMonths.KeyOf(d, m)).FiguresAsync()))));

        return TypedResults.Ok(LoyaltyReport.Build(dealershipId, state, covered, trend, tiers, flows, figures.ToDictionary(f => f.Key, f => f.Figures)));
    }
}
