using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

/// <remarks>
/// The base class is what the dealership counted itself before its months did
/// (<see cref="IDealershipMonthGrain"/>): kept so that a state written then still reads, its
/// totals still count, and its record of applied events is dropped on activation. So is
/// <see cref="Months"/>, from when the router handed the dealership its months' counts.
/// </remarks>
[GenerateSerializer, Alias("pitstop.DealershipState")]
public sealed class DealershipState : EventConsumerState
{
    [Id(0)]
    public DealershipProfile? Profile { get; set; }

    [Id(1)]
    public Dictionary<string, long> EventsByType { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The counts of each month (by <c>yyyy-MM</c>) as the router last handed them on, in a state
    /// written before the dealership summed its months when read: only its months are read from it,
    /// into <see cref="CountingMonths"/>, on activation.
    /// </summary>
    [Id(2)]
    public Dictionary<string, EventCounts> Months { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The months (<c>yyyy-MM</c>) that count the dealership's events, summed when it is read.</summary>
    [Id(3)]
    public HashSet<string> CountingMonths { get; set; } = new(StringComparer.Ordinal);
}
