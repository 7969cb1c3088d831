using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Api.Endpoints;

/// <summary>Customers and staff as the API shows them.</summary>
public static class MemberEndpoints
{
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id}", GetCustomerAsync).WithTags("Customers").WithName("GetCustomer").WithSummary("A customer's balances and tier");
        api.MapGet("/staff/{id}", GetStaffAsync).WithTags("Staff").WithName("GetStaff").WithSummary("A staff member's KPI points and wallet");
        return api;
    }

    private static async Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> GetCustomerAsync(string id, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        return await grains.GetGrain<ICustomerGrain>(id).GetAsync() is { } view ? TypedResults.Ok(view) : Problems.NotFound("customer");
    }

    private static async Task<Results<Ok<StaffView>, ValidationProblem, ProblemHttpResult>> GetStaffAsync(string id, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        return await grains.GetGrain<IStaffGrain>(id).GetAsync() is { } view ? TypedResults.Ok(view) : Problems.NotFound("staff member");
    }
}
