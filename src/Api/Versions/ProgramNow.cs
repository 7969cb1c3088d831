using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Versions;

namespace Pitstop.Api.Versions;

/// <summary>
/// The program an API node applies itself — an imported balance's lifetime, a spot award's limit:
/// the version in force now for everyone (what a person asks for belongs to no event's dealership),
/// read from the versions grain on each request, which people make, not DMSs.
/// </summary>
internal static class ProgramNow
{
    public static async Task<ProgramOptions> ProgramForEveryoneAsync(this IGrainFactory grains, ProgramClock clock)
    {
        var versions = await grains.Reference<IProgramVersionsGrain>(IProgramVersionsGrain.Key).ListAsync();
        var version = ProgramVersionBook.InForce(versions, clock.GetUtcNow(), dealershipId: null, state: null);
        return ProgramDocument.Parse(version.Document, ProgramDocument.Parse(versions[0].Document));
    }
}
