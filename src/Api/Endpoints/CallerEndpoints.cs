using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Api.Security;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// Who the credential is (api.md roles and scope): what a dashboard needs to offer a person only
/// what their role may see, whether they signed in with an API key or a token.
/// </summary>
public static class CallerEndpoints
{
    public static RouteGroupBuilder MapCaller(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Get).WithTags("Credentials").WithName("GetCaller")
            .WithDescription("Who the API takes the caller to be: the credential's name (a token's subject), role, the dealerships and states of its scope, and for a viewer the member it is for. Any credential.")
            .WithSummary("The calling credential: its name (a token's subject), role and scope").Produces<CallerView>();
        return api;
    }

    /// <summary>
    /// A credential's role and scope; empty lists are the role's default scope (api.md). A viewer is
    /// also told the member it is, kind and id apart, so that a page never parses the subject.
    /// </summary>
    public sealed record CallerView(string Name, string Role, IReadOnlyList<string> Dealerships, IReadOnlyList<string> States, MemberRef? Member);

    private static Ok<CallerView> Get(ClaimsPrincipal user)
    {
        var caller = new Caller(user);
        return TypedResults.Ok(new CallerView(
            caller.Name, caller.Role, [.. caller.Dealerships.Order(StringComparer.Ordinal)], [.. caller.States.Order(StringComparer.Ordinal)], caller.Member));
    }
}
