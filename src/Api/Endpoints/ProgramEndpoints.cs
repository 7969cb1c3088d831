using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The program in force (api.md): every number of program.md, read-only, for any credential. The
/// program grain writes the document from <see cref="ProgramOptions"/>, so its schema is that type's.
/// </summary>
public static class ProgramEndpoints
{
    public static RouteGroupBuilder MapProgram(this RouteGroupBuilder api)
    {
        api.MapGet("/program", GetAsync).WithTags("Program").WithName("GetProgram")
            .WithDescription("Every number of the program the silos run: earning rules, tiers, expiry, budgets, league and service recovery. Any credential.")
            .WithSummary("The program in force: earning, tiers, budgets, league, recovery (as the silos run it)")
            .Produces<ProgramOptions>();
        return api;
    }

    private static async Task<IResult> GetAsync(IGrainFactory grains) =>
        TypedResults.Text(await grains.Reference<IProgramGrain>(IProgramGrain.Key).DocumentAsync(), "application/json");
}
