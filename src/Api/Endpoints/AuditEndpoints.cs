using Pitstop.Api.Security;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>The points-flow audit of program.md.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit", AuditAsync).WithTags("Audit").WithName("Audit")
            .WithDescription("The totals of the points flow: minted, in the pool, in budgets, available in wallets, redeemed, expired and awards waiting for budget; whether the journal matches the grains; and balanced: it does, and minted equals pool, budgets, wallets, redeemed and expired together. Admins only.")
            .WithSummary("The points-flow totals and whether they balance").Produces<Audit>()
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    /// <summary>
    /// <c>minted = pool + budgets + walletsAvailable + redeemed + expired</c>. The pool and the
    /// budgets are read from their grains; wallets and sinks from the ledger journal, because
    /// reading 750,000 wallets is no audit one can run at will. The journal is tied to the grains
    /// by <c>journalMatchesGrains</c>: what the journal says the pool and the budgets hold must be
    /// what they hold, so a point that left them without an entry shows up here.
    /// </summary>
    public sealed record Audit(
        long Minted, long Pool, long Budgets, long WalletsAvailable, long Redeemed, long Expired,
        long UnfundedAwards, bool JournalMatchesGrains, bool Balanced);

    private static async Task<IResult> AuditAsync(IGrainFactory grains)
    {
        var pool = await grains.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key).GetAsync();
        var dealerships = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        var budgets = await Task.WhenAll(dealerships.Keys.Select(id => grains.Reference<IBudgetGrain>(id).GetAsync()));
        var journal = await grains.Reference<ILedgerGrain>(0).TotalsAsync();

        var inBudgets = budgets.Sum(b => b.Available);
        var wallets = journal.Of(Accounts.CustomerClass) + journal.Of(Accounts.StaffClass);
        var redeemed = journal.Of(Accounts.Redeemed);
        var expired = journal.Of(Accounts.Expired);
        var matches = -journal.Of(Accounts.Minted) == pool.Minted
            && journal.Of(Accounts.Pool) == pool.Available
            && journal.Of(Accounts.BudgetClass) == inBudgets;
        var balanced = matches && pool.Minted == pool.Available + inBudgets + wallets + redeemed + expired;
        return TypedResults.Ok(new Audit(
            pool.Minted, pool.Available, inBudgets, wallets, redeemed, expired, budgets.Sum(b => b.PendingAwards.Points), matches, balanced));
    }
}
