using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Endpoints;

/// <summary>Redemptions for customers and staff: placed, then fulfilled or cancelled (api.md).</summary>
public static class RedemptionEndpoints
{
    private const int MaxQuantity = 100;

    public static RouteGroupBuilder MapRedemptions(this RouteGroupBuilder api)
    {
        api.MapPost("/customers/{id}/redemptions", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellation) =>
                PlaceAsync(new MemberRef(MemberKind.Customer, id), request, new Caller(user), grains, cancellation))
            .WithTags("Redemptions").WithName("RedeemCustomer").WithSummary("Redeem a customer's points for a catalog item")
            .WithDescription("Places a redemption of a catalog item, taking its points from the available balance until it is fulfilled or cancelled; the same idempotencyKey answers the same redemption again. 409 insufficient-points, tier-required or out-of-stock. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .Accepts<RedemptionBody>("application/json").Produces<RedemptionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem().RequireAuthorization(Policies.MemberRead);
        api.MapPost("/staff/{id}/redemptions", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellation) =>
                PlaceAsync(new MemberRef(MemberKind.Staff, id), request, new Caller(user), grains, cancellation))
            .WithTags("Redemptions").WithName("RedeemStaff").WithSummary("Redeem a staff member's points for a catalog item")
            .WithDescription("Places a redemption of a catalog item open to staff (one without a minimum tier), taking its points from the wallet until it is fulfilled or cancelled; the same idempotencyKey answers the same redemption again. 409 insufficient-points, tier-required or out-of-stock. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .Accepts<RedemptionBody>("application/json").Produces<RedemptionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem().RequireAuthorization(Policies.MemberRead);
        api.MapGet("/customers/{id}/redemptions", (string id, ClaimsPrincipal user, Access access, IGrainFactory grains) => ListAsync(new MemberRef(MemberKind.Customer, id), new Caller(user), access, grains))
            .WithTags("Redemptions").WithName("ListCustomerRedemptions").WithSummary("A customer's redemptions, newest first").Produces<IReadOnlyList<RedemptionView>>().RequireAuthorization(Policies.MemberRead)
            .WithDescription("Every redemption of the customer with its status (placed, fulfilled, cancelled), newest first. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.");
        api.MapGet("/staff/{id}/redemptions", (string id, ClaimsPrincipal user, Access access, IGrainFactory grains) => ListAsync(new MemberRef(MemberKind.Staff, id), new Caller(user), access, grains))
            .WithTags("Redemptions").WithName("ListStaffRedemptions").WithSummary("A staff member's redemptions, newest first").Produces<IReadOnlyList<RedemptionView>>().RequireAuthorization(Policies.MemberRead)
            .WithDescription("Every redemption of the staff member with its status (placed, fulfilled, cancelled), newest first. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.");
        api.MapPost("/redemptions/{id}/fulfil", (string id, IGrainFactory grains) => SettleAsync(id, RedemptionStatus.Fulfilled, grains))
            .WithTags("Redemptions").WithName("FulfilRedemption").WithSummary("Confirm a placed redemption")
            .WithDescription("Confirms that a placed redemption was handed over: its points stay spent. 409 redemption-settled when it is no longer placed. Admins only.")
            .Produces<RedemptionView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Admin);
        api.MapPost("/redemptions/{id}/cancel", (string id, IGrainFactory grains) => SettleAsync(id, RedemptionStatus.Cancelled, grains))
            .WithTags("Redemptions").WithName("CancelRedemption").WithSummary("Cancel a placed redemption, giving back the same lots")
            .WithDescription("Cancels a placed redemption and gives its points back to the lots they were taken from. 409 redemption-settled when it is no longer placed. Admins only.")
            .Produces<RedemptionView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    public sealed record RedemptionBody(string ItemId, int Quantity, string IdempotencyKey);

    private static async Task<IResult> PlaceAsync(MemberRef member, HttpRequest request, Caller caller, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!IdRules.IsId(member.Id))
        {
            return Problems.InvalidId("id");
        }

        // Points are spent by the member themself (a viewer credential) or by an admin for them.
        if (!caller.IsAdmin && !caller.Is(member))
        {
            return Problems.Forbidden();
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(
            request,
            reader => new RedemptionBody(reader.Id("itemId"), reader.Int("quantity", 1, MaxQuantity), reader.Id("idempotencyKey")),
            cancellation);
        if (body is null)
        {
            return problem!;
        }

        return Answer(await grains.Of(member).RedeemAsync(body.IdempotencyKey, body.ItemId, body.Quantity));
    }

    /// <summary>A placed redemption (201), or the problem it was refused with.</summary>
    internal static IResult Answer(RedemptionOutcome outcome) =>
        outcome switch
        {
            { Redemption: { } placed } => TypedResults.Created($"/api/v1/redemptions/{placed.RedemptionId}", placed),
            { Refusal: RedemptionRefusal.UnknownItem } => Problems.Invalid(FieldErrors.Of("itemId", "no catalog item has this id")),
            { Refusal: RedemptionRefusal.TierTooLow } => Problems.TierRequired(),
            { Refusal: RedemptionRefusal.OutOfStock } => Problems.OutOfStock(),
            _ => Problems.InsufficientPoints(outcome.Available),
        };

    private static async Task<IResult> ListAsync(MemberRef member, Caller caller, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsId(member.Id))
        {
            return Problems.InvalidId("id");
        }

        return await access.MemberAsync(caller, member) ?? TypedResults.Ok(await grains.Of(member).RedemptionsAsync());
    }

    private static async Task<IResult> SettleAsync(string redemptionId, RedemptionStatus to, IGrainFactory grains)
    {
        if (!RedemptionIds.TryParse(redemptionId, out var member) || !IdRules.IsId(member.Id))
        {
            return Problems.NotFound("redemption");
        }

        var view = await grains.Of(member).SettleRedemptionAsync(redemptionId, to);
        return view switch
        {
            null => Problems.NotFound("redemption"),
            { Status: var status } when status == to => TypedResults.Ok(view),
            _ => Problems.RedemptionSettled(view.Status),
        };
    }
}
