using Pitstop.Grains.Intake;

namespace Pitstop.Grains.Dealerships;

/// <summary>One month of a dealership's events: the record of those applied and their counts by type.</summary>
[GenerateSerializer, Alias("pitstop.DealershipMonthState")]
public sealed class DealershipMonthState
{
    [Id(0)]
    public AppliedEvents Applied { get; set; } = new();

    [Id(1)]
    public Dictionary<string, long> EventsByType { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The staff performance counts of the events counted since they were kept (a month written before holds only its later events).</summary>
    [Id(2)]
    public PerformanceCounts Performance { get; set; } = new();
}
