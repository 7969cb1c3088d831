using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Grains.League;

[GenerateSerializer, Alias("pitstop.StaffState")]
public sealed class StaffState : EventConsumerState
{
    /// <summary>Null until an event names the member: the field naming them gives the role.</summary>
    [Id(0)]
    public StaffRole? Role { get; set; }

    [Id(1)]
    public string DealershipId { get; set; } = "";

    [Id(2)]
    public Wallet Wallet { get; set; } = new();

    [Id(3)]
    public long KpiPoints { get; set; }
}
