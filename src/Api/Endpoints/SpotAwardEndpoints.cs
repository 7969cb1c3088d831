using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Api.Versions;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>Spot awards (api.md): a workshop manager's points for their dealership's staff, within a monthly allowance.</summary>
public static class SpotAwardEndpoints
{
    public static RouteGroupBuilder MapSpotAwards(this RouteGroupBuilder api)
    {
        api.MapPost("/staff/{id}/spot-awards", GiveAsync).WithTags("Spot awards").WithName("GiveSpotAward")
            .WithDescription("Awards points to a staff member of at most the spot-award maximum of the program version in force now; they count in this month's league. The same idempotencyKey gives one award. 409 spot-award-allowance when the giver's monthly allowance would be exceeded. Admins, and the workshop manager of the member's dealership.")
            .WithSummary("Give a staff member a spot award (counts in the league this month)").Accepts<SpotAwardBody>("application/json")
            .Produces<SpotAwardAnswer>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.SpotAwards);
        return api;
    }

    public sealed record SpotAwardBody(long Points, string Reason, string IdempotencyKey);

    /// <summary>The award, and how much of the giver's month allowance is used.</summary>
    public sealed record SpotAwardAnswer(SpotAward Award, long GivenThisMonth, long Allowance);

    private static async Task<IResult> GiveAsync(
        string id, HttpRequest request, ClaimsPrincipal user, Access access, IGrainFactory grains, ProgramClock clock, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        // Scope on the member's dealership: a workshop manager awards their own staff only.
        var caller = new Caller(user);
        if (await access.MemberAsync(caller, new MemberRef(MemberKind.Staff, id)) is { } refused)
        {
            return refused;
        }

        // The limit of the version in force now; the giver's grain holds the month's allowance by it too.
        var max = (await grains.ProgramForEveryoneAsync(clock)).StaffKpi.SpotAwardMax;
        var (body, problem) = await JsonBody.ReadObjectAsync(
            request,
            r => new SpotAwardBody(r.Int("points", 1, max), r.Text("reason"), r.Id("idempotencyKey")),
            cancellation);
        if (body is null)
        {
            return problem!;
        }

        var outcome = await grains.Reference<ISpotAwardsGrain>(caller.Name).GiveAsync(new SpotAwardRequest(id, body.Points, body.Reason, body.IdempotencyKey));
        return outcome switch
        {
            { Award: { } award } => TypedResults.Created($"/api/v1/staff/{id}", new SpotAwardAnswer(award, outcome.GivenThisMonth, outcome.Allowance)),
            { Refusal: SpotAwardRefusal.OverAllowance } => Problems.OverSpotAwardAllowance(outcome.GivenThisMonth, outcome.Allowance),
            _ => Problems.NotFound("staff member"),
        };
    }
}
