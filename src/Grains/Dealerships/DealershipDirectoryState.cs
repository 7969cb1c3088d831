using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

[GenerateSerializer, Alias("pitstop.DealershipDirectoryState")]
public sealed class DealershipDirectoryState
{
    [Id(0)]
    public Dictionary<string, DealershipProfile> Dealerships { get; set; } = new(StringComparer.Ordinal);
}
