using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Api.Endpoints;

/// <summary>Customers and staff as the API shows them.</summary>
public static class MemberEndpoints
{
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id}", GetCustomerAsync).WithTags("Customers").WithName("GetCustomer").WithSummary("A customer's balances and tier")
            .RequireAuthorization(Policies.MemberRead);
        api.MapGet("/staff/{id}", GetStaffAsync).WithTags("Staff").WithName("GetStaff").WithSummary("A staff member's KPI points and wallet")
            .RequireAuthorization(Policies.MemberRead);
        return api;
    }

    private static async Task<IResult> GetCustomerAsync(string id, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Customer, id)) is { } refused)
        {
            return refused;
        }

        return await grains.GetGrain<ICustomerGrain>(id).GetAsync() is { } view ? TypedResults.Ok(view) : Problems.NotFound("customer");
    }

    private static async Task<IResult> GetStaffAsync(string id, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Staff, id)) is { } refused)
        {
            return refused;
        }

        return await grains.GetGrain<IStaffGrain>(id).GetAsync() is { } view ? TypedResults.Ok(view) : Problems.NotFound("staff member");
    }
}
