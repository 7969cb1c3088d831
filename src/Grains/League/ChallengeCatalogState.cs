using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

[GenerateSerializer, Alias("pitstop.ChallengeCatalogState")]
public sealed class ChallengeCatalogState
{
    [Id(0)] public Dictionary<string, Challenge> Challenges { get; set; } = [];

    /// <summary>Moves with every change, so that the silos' copies know they are behind.</summary>
    [Id(1)] public long Version { get; set; }

    /// <summary>
    /// Ids of configured challenges already seeded: each is seeded once, and from then on the
    /// catalogue holds it, so that an admin's edit or close outlives a restart with the same configuration.
    /// </summary>
    [Id(2)] public HashSet<string> Seeded { get; set; } = [];
}
