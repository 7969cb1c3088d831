using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>The points-flow audit of program.md.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit", AuditAsync).WithTags("Budgets").WithName("Audit")
            .WithSummary("The points-flow totals and whether they balance").Produces<Audit>();
        return api;
    }

    /// <summary>
    /// minted = pool + Σ budgets + Σ wallets.available + redeemed + expired. Until redemption and
    /// expiry exist, the wallets hold exactly what the budgets delivered (docs/decisions.md), and
    /// every top-up the budgets received must have left the pool.
    /// </summary>
    public sealed record Audit(
        long Minted, long Pool, long Budgets, long WalletsAvailable, long Redeemed, long Expired,
        long UnfundedAwards, bool Balanced);

    private static async Task<IResult> AuditAsync(IGrainFactory grains)
    {
        var pool = await grains.GetGrain<IBrandPoolGrain>(IBrandPoolGrain.Key).GetAsync();
        var dealerships = await grains.GetGrain<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        var budgets = await Task.WhenAll(dealerships.Keys.Select(id => grains.GetGrain<IBudgetGrain>(id).GetAsync()));
        var inBudgets = budgets.Sum(b => b.Available);
        var delivered = budgets.Sum(b => b.AwardedTotal);
        var unfunded = budgets.Sum(b => b.PendingAwards.Points);
        var toppedUp = budgets.Sum(b => b.ToppedUpTotal);
        var balanced = pool.Minted == pool.Available + inBudgets + delivered
            && toppedUp == pool.ToppedUp;
        return TypedResults.Ok(new Audit(pool.Minted, pool.Available, inBudgets, delivered, 0, 0, unfunded, balanced));
    }
}
