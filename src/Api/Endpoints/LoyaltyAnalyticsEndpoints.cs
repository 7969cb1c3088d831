using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// Loyalty analytics: customers by tier (each dealership's census of its home customers) and the
/// points its budget issued to customers against those its customers redeemed (the journal).
/// </summary>
public static class LoyaltyAnalyticsEndpoints
{
    public static RouteGroupBuilder MapLoyaltyAnalytics(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/loyalty", GetAsync).WithTags("Analytics").WithName("LoyaltyAnalytics")
            .WithDescription("Customers by tier, points issued to customers against points redeemed, and the redemption rate, for one dealership (?dealershipId=), one state (?state=) or the caller's whole scope. Admins, regional leads, service heads, workshop managers and cx.")
            .WithSummary("Customers by tier, points issued to customers vs redeemed, redemption rate")
            .Produces<LoyaltyAnalytics>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.RecoveryRead);
        return api;
    }

    public sealed record TierFigures(long Silver, long Gold, long Platinum);

    /// <summary><c>redemptionRate</c> = redeemed ÷ issued; null before anything was issued.</summary>
    public sealed record LoyaltyAnalytics(
        string? DealershipId, string? State, long Customers, TierFigures Tiers, long PointsIssued, long PointsRedeemed, double? RedemptionRate);

    private static async Task<IResult> GetAsync(string? dealershipId, string? state, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
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

        var dealerships = covered.Keys.ToList();
        var censuses = dealerships.SelectMany(TierCensus.KeysOf).Select(key => grains.Reference<ITierCensusGrain>(key).CountsAsync());
        var tiers = (await Task.WhenAll(censuses)).Aggregate(TierCounts.None, (sum, slice) => sum.Plus(slice));
        var flows = (await grains.Reference<ILedgerGrain>(0).CustomerFlowsAsync(dealerships)).Values
            .Aggregate(CustomerPointsFlow.None, (sum, f) => new CustomerPointsFlow(sum.Issued + f.Issued, sum.Redeemed + f.Redeemed));

        return TypedResults.Ok(new LoyaltyAnalytics(
            dealershipId, state, tiers.Customers, new TierFigures(tiers.Silver, tiers.Gold, tiers.Platinum),
            flows.Issued, flows.Redeemed, flows.Issued == 0 ? null : (double)flows.Redeemed / flows.Issued));
    }
}
