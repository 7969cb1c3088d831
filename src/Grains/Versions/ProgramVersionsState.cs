using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Grains.Versions;

[GenerateSerializer, Alias("pitstop.ProgramVersionsState")]
public sealed class ProgramVersionsState
{
    /// <summary>Every version, oldest first; version 1 is the configuration's.</summary>
    [Id(0)] public List<ProgramVersion> Versions { get; set; } = [];
}
