using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

[GenerateSerializer, Alias("pitstop.CustomerState")]
public sealed class CustomerState : EventConsumerState
{
    [Id(0)]
    public Tier Tier { get; set; } = Tier.Silver;

    [Id(1)]
    public string HomeDealershipId { get; set; } = "";

    [Id(2)]
    public Wallet Wallet { get; set; } = new();
}
