using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

[GenerateSerializer, Alias("pitstop.DealershipState")]
public sealed class DealershipState : EventConsumerState
{
    [Id(0)]
    public DealershipProfile? Profile { get; set; }

    [Id(1)]
    public Dictionary<string, long> EventsByType { get; set; } = new(StringComparer.Ordinal);
}
