using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Api.Endpoints;

/// <summary>The program in force (api.md): every number of program.md, read-only, for any credential.</summary>
public static class ProgramEndpoints
{
    public static RouteGroupBuilder MapProgram(this RouteGroupBuilder api)
    {
        api.MapGet("/program", GetAsync).WithTags("Program").WithName("GetProgram")
            .WithSummary("The program in force: earning, tiers, budgets, league, recovery (as the silos run it)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }

    private static async Task<IResult> GetAsync(IGrainFactory grains) =>
        TypedResults.Text(await grains.Reference<IProgramGrain>(IProgramGrain.Key).DocumentAsync(), "application/json");
}
