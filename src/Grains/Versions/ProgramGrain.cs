using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Grains.Versions;

/// <summary>
/// Answers API nodes of the release before program versions (see <see cref="IProgramGrain"/>) with
/// the document this release's <c>GET /api/v1/program</c> serves by default: the version in force
/// now for everyone. A local worker on every silo, reading the silo's copy of the versions.
/// </summary>
[StatelessWorker]
public sealed class ProgramGrain(ProgramVersions versions) : Grain, IProgramGrain
{
    public async Task<string> DocumentAsync() => ProgramDocument.Write((await versions.NowAsync(dealershipId: null)).Program);
}
