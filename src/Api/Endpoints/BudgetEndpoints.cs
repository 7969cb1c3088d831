using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>The brand pool and the dealership budgets it funds (api.md, budgets).</summary>
public static class BudgetEndpoints
{
    // Points in one call: well above any real mint or top-up, far below overflow.
    private const int MaxPoints = 1_000_000_000;

    public static RouteGroupBuilder MapBudgets(this RouteGroupBuilder api)
    {
        api.MapPost("/pool/mint", MintAsync).WithTags("Budgets").WithName("MintPoints").WithSummary("Mint points into the brand pool").Produces<PoolView>()
            .WithDescription("Adds points to the brand pool, from which dealership budgets are topped up; the same idempotencyKey mints once. Admins only.")
            .Accepts<PointsMove>("application/json").ProducesValidationProblem().RequireAuthorization(Policies.Admin);
        api.MapGet("/pool", async (IGrainFactory grains) => TypedResults.Ok(await Pool(grains).GetAsync()))
            .WithTags("Budgets").WithName("GetPool").WithSummary("The brand pool").RequireAuthorization(Policies.Admin)
            .WithDescription("The points minted into the brand pool and not yet moved into a dealership budget. Admins only.");
        api.MapGet("/dealerships/{id}/budget", GetAsync).WithTags("Budgets").WithName("GetBudget").WithSummary("A dealership's budget").Produces<BudgetView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Available points, this month's top-ups and spending, awards pending for want of budget, the auto top-up policy and recent top-ups. 404 for an unregistered dealership. Admins, regional leads, service heads and workshop managers, within their scope.")
            .RequireAuthorization(Policies.ScopedRead);
        api.MapPost("/dealerships/{id}/budget/top-ups", TopUpAsync).WithTags("Budgets").WithName("TopUpBudget")
            .WithDescription("Moves points from the brand pool into the dealership's budget and answers the budget; the same idempotencyKey tops up once. 409 pool-short when the pool holds fewer points. Admins only.")
            .WithSummary("Top up a dealership's budget from the brand pool").Produces<BudgetView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound).Accepts<PointsMove>("application/json").ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        api.MapPut("/dealerships/{id}/budget/policy", SetPolicyAsync).WithTags("Budgets").WithName("SetBudgetPolicy")
            .WithDescription("The auto top-up: when the available budget falls below threshold, amount points are moved from the pool, at most monthlyCap in a month. Admins only.")
            .WithSummary("Set a dealership's auto top-up policy").Produces<BudgetView>().ProducesProblem(StatusCodes.Status404NotFound).Accepts<BudgetPolicy>("application/json").ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        api.MapGet("/budgets", ListAsync).WithTags("Budgets").WithName("ListBudgets").WithSummary("Every dealership's budget, optionally of one state").Produces<BudgetList>().ProducesValidationProblem()
            .WithDescription("Every dealership's budget in one page, or those of one state (?state=KA). Admins, regional leads, service heads and workshop managers, within their scope.")
            .RequireAuthorization(Policies.ScopedRead);
        return api;
    }

    /// <summary>The body of a mint or a top-up.</summary>
    public sealed record PointsMove(long Points, string Reason, string IdempotencyKey);

    private static IBrandPoolGrain Pool(IGrainFactory grains) => grains.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key);

    private static async Task<IResult> MintAsync(
        HttpRequest request, IGrainFactory grains, CancellationToken cancellation)
    {
        var (move, problem) = await ReadMoveAsync(request, cancellation);
        return move is null ? problem! : TypedResults.Ok(await Pool(grains).MintAsync(move.IdempotencyKey, move.Points, move.Reason));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, Access access, KnownDealerships dealerships, IGrainFactory grains)
    {
        // Scope first: a scoped caller learns nothing of dealerships outside it, registered or not.
        if (await access.DealershipAsync(new Caller(user), id) is { } refused)
        {
            return refused;
        }

        if (await RegisteredAsync(id, dealerships) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.Reference<IBudgetGrain>(id).GetAsync());
    }

    private static async Task<IResult> TopUpAsync(
        string id, HttpRequest request, KnownDealerships dealerships, IGrainFactory grains, CancellationToken cancellation)
    {
        if (await RegisteredAsync(id, dealerships) is { } notFound)
        {
            return notFound;
        }

        var (move, problem) = await ReadMoveAsync(request, cancellation);
        if (move is null)
        {
            return problem!;
        }

        var outcome = await grains.Reference<IBudgetGrain>(id).TopUpAsync(move.IdempotencyKey, move.Points, move.Reason);
        return outcome.PoolShort ? Problems.PoolShort((await Pool(grains).GetAsync()).Available) : TypedResults.Ok(outcome.Budget);
    }

    private static async Task<IResult> SetPolicyAsync(
        string id, HttpRequest request, KnownDealerships dealerships, IGrainFactory grains, CancellationToken cancellation)
    {
        if (await RegisteredAsync(id, dealerships) is { } notFound)
        {
            return notFound;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(
            request,
            reader => new BudgetPolicy(reader.Int("threshold", 0, MaxPoints), reader.Int("amount", 0, MaxPoints), reader.Int("monthlyCap", 0, MaxPoints)),
            cancellation);
        return body is null ? problem! : TypedResults.Ok(await grains.Reference<IBudgetGrain>(id).SetPolicyAsync(body));
    }

    private static async Task<IResult> ListAsync(string? state, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (state is not null && !IndianStates.Codes.Contains(state))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [IndianStates.Message] }, type: "/problems/validation");
        }

        var dealerships = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        var caller = new Caller(user);
        var listed = dealerships
            .Where(d => (state is null || d.Value.State == state) && caller.Covers(d.Key, d.Value.State))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new ListedDealership(d.Key, d.Value.Name, d.Value.City, d.Value.State)).ToList();
        var budgets = await Task.WhenAll(listed.Select(d => grains.Reference<IBudgetGrain>(d.DealershipId).GetAsync()));
        return TypedResults.Ok(new BudgetList(state, budgets, listed));
    }

    /// <summary>
    /// Every budget of the network (or of one state) in one answer, with the dealerships they belong
    /// to (the same order), so that a dashboard can name them and filter by state.
    /// </summary>
    public sealed record BudgetList(string? State, IReadOnlyList<BudgetView> Budgets, IReadOnlyList<ListedDealership> Dealerships);

    public sealed record ListedDealership(string DealershipId, string Name, string City, string State);

    private static async Task<ProblemHttpResult?> RegisteredAsync(string id, KnownDealerships dealerships)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.NotFound("dealership");
        }

        return (await dealerships.FindUnknownAsync([id])).Count == 0 ? null : Problems.NotFound("dealership");
    }

    private static Task<(PointsMove? Move, IResult? Problem)> ReadMoveAsync(HttpRequest request, CancellationToken cancellation) =>
        JsonBody.ReadObjectAsync(
            request,
            reader => new PointsMove(reader.Int("points", 1, MaxPoints), reader.Text("reason"), reader.Id("idempotencyKey")),
            cancellation);
}
