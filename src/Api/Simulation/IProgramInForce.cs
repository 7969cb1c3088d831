using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;

namespace Pitstop.Api.Simulation;

/// <summary>
/// The program a replay compares a candidate with: the one seam through which simulations learn
/// which program was in force, so that it can follow the program's versions when they exist.
/// </summary>
public interface IProgramInForce
{
    Task<ProgramOptions> ProgramAsync(DateTimeOffset from, DateTimeOffset to);
}

/// <summary>Today the program is the silos' configuration, the same for every period.</summary>
internal sealed class ConfiguredProgramInForce(IOptions<ProgramOptions> program) : IProgramInForce
{
    public Task<ProgramOptions> ProgramAsync(DateTimeOffset from, DateTimeOffset to) => Task.FromResult(program.Value);
}
