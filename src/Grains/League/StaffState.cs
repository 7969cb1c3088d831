using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.League;

[GenerateSerializer, Alias("pitstop.StaffState")]
public sealed class StaffState : MemberState
{
    /// <summary>Null until an event names the member: the field naming them gives the role.</summary>
    [Id(0)]
    public StaffRole? Role { get; set; }

    [Id(1)]
    public string DealershipId { get; set; } = "";

    [Id(2)]
    public long KpiPoints { get; set; }
}
