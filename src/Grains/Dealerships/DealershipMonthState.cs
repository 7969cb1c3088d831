using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Dealerships;

/// <summary>One month of a dealership's events: how far its stream was counted, and its counts by type.</summary>
[GenerateSerializer, Alias("pitstop.DealershipMonthState")]
public sealed class DealershipMonthState
{
    /// <summary>The digests a month written before offsets carries: only read, dropped once empty.</summary>
    [Id(0)]
    public AppliedDigests? EarlierDigests { get; set; }

    [Id(1)]
    public Dictionary<string, long> EventsByType { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The staff performance counts of the events counted since they were kept (a month written before holds only its later events).</summary>
    [Id(2)]
    public PerformanceCounts Performance { get; set; } = new();

    [Id(3)]
    public AppliedOffsets Applied { get; set; } = new();

    public bool HasApplied(DmsEvent e, EventPosition position) =>
        Applied.HasApplied(e, position) || EarlierDigests?.Contains(e) == true;

    /// <summary>Forgets what no copy of an event can come back for any more.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        Applied.ForgetExpired(now);
        EarlierDigests?.ForgetExpired(now);
        if (EarlierDigests?.Count == 0)
        {
            EarlierDigests = null;
        }
    }
}
