using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Loyalty;

[GenerateSerializer, Alias("pitstop.CustomerState")]
public sealed class CustomerState : MemberState
{
    [Id(0)]
    public Tier Tier { get; set; } = Tier.Silver;

    [Id(1)]
    public string HomeDealershipId { get; set; } = "";

    [Id(2)]
    public CustomerIncidents Incidents { get; set; } = new();

    [Id(3)]
    public CustomerProfile? Profile { get; set; }

    [Id(4)]
    public CustomerContracts Contracts { get; set; } = new();
}
