using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Api.Simulation;

/// <summary>
/// The program a replay compares a candidate with: the one seam through which simulations learn
/// which program was in force — the engine's versions, as its silos judge events by them.
/// </summary>
public interface IProgramInForce
{
    Task<ProgramHistory> HistoryAsync();
}

/// <summary>
/// A program as a replay runs it: <see cref="First"/>, the simulation silo's configuration (its
/// version 1), and the versions stored after it, each judging the events from its
/// <c>effectiveFrom</c> (pilots in their scope) as in the engine.
/// </summary>
public sealed record ProgramHistory(ProgramOptions First, IReadOnlyList<ProgramVersion> Later)
{
    /// <summary>One program for every event: a candidate's side.</summary>
    public static ProgramHistory Only(ProgramOptions program) => new(program, []);
}

/// <summary>The engine's versions, read from the cluster (version 1 is its silos' configuration).</summary>
internal sealed class VersionedProgramInForce(IGrainFactory grains) : IProgramInForce
{
    public async Task<ProgramHistory> HistoryAsync()
    {
        var versions = await grains.Reference<IProgramVersionsGrain>(IProgramVersionsGrain.Key).ListAsync();
        return new ProgramHistory(Grains.Versions.ProgramDocument.Parse(versions[0].Document), [.. versions.Skip(1)]);
    }
}
