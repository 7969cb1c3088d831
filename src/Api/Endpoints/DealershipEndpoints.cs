using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Api.Endpoints;

/// <summary>Reference data: registering dealerships (events of unregistered ones are rejected).</summary>
public static class DealershipEndpoints
{
    public static RouteGroupBuilder MapDealerships(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dealerships").WithTags("Dealerships");
        group.MapPut("/{id}", PutAsync).WithName("PutDealership").WithSummary("Register or update a dealership")
            .WithDescription("Registers a dealership or updates one: name, city, a 2-letter Indian state code and region. Events of a dealership are accepted only once it is registered. Admins only.")
            .Accepts<DealershipProfile>("application/json").Produces<DealershipView>().ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/{id}", GetAsync).WithName("GetDealership").WithSummary("A dealership and the events it has taken in")
            .Produces<DealershipView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("The dealership's profile and how many events it has taken in, in total and by type. 404 for an unregistered dealership. Admins, regional leads, service heads and workshop managers, within their scope.")
            .RequireAuthorization(Policies.ScopedRead);
        return api;
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var (profile, problem) = await JsonBody.ReadObjectAsync(
            request,
            body =>
            {
                var profile = new DealershipProfile(body.Text("name"), body.Text("city"), body.Text("state"), body.Text("region"));
                DealershipRules.Check(profile, body.Error);
                return profile;
            },
            cancellation);
        return profile is null ? problem! : TypedResults.Ok(await grains.Reference<IDealershipGrain>(id).RegisterAsync(profile));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.DealershipAsync(new Caller(user), id) is { } refused)
        {
            return refused;
        }

        return await grains.Reference<IDealershipGrain>(id).GetAsync() is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("dealership");
    }
}
