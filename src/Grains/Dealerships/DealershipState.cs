using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

/// <remarks>
/// The base class is what the dealership counted itself before its months did
/// (<see cref="IDealershipMonthGrain"/>): kept so that a state written then still reads, its
/// totals still count, and its record of applied events is dropped on activation.
/// </remarks>
[GenerateSerializer, Alias("pitstop.DealershipState")]
public sealed class DealershipState : EventConsumerState
{
    [Id(0)]
    public DealershipProfile? Profile { get; set; }

    [Id(1)]
    public Dictionary<string, long> EventsByType { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest counts of each month, by <c>yyyy-MM</c>.</summary>
    [Id(2)]
    public Dictionary<string, EventCounts> Months { get; set; } = new(StringComparer.Ordinal);
}
