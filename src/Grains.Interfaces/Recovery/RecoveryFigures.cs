namespace Pitstop.Grains.Interfaces.Recovery;

/// <summary>
/// Sums over incidents that add up across dealerships, kinds and severities; shares and averages
/// are derived last, so that merging never averages averages.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.RecoveryFigures")]
public sealed record RecoveryFigures(
    [property: Id(0)] int Incidents,
    [property: Id(1)] int Closed,
    [property: Id(2)] int Recovered,
    // Incidents whose 24-hour promise is decided: delivered, or not delivered when it ran out.
    [property: Id(3)] int SlaDecided,
    [property: Id(4)] int WithinSla,
    [property: Id(5)] long NpsBeforeSum,
    [property: Id(6)] int NpsBeforeCount,
    [property: Id(7)] long NpsAfterSum,
    [property: Id(8)] int NpsAfterCount,
    [property: Id(9)] int Retained,
    [property: Id(10)] long PointsSpent)
{
    public static readonly RecoveryFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RecoveryFigures Add(RecoveryFigures o) => new(
        Incidents + o.Incidents, Closed + o.Closed, Recovered + o.Recovered, SlaDecided + o.SlaDecided, WithinSla + o.WithinSla,
        NpsBeforeSum + o.NpsBeforeSum, NpsBeforeCount + o.NpsBeforeCount, NpsAfterSum + o.NpsAfterSum, NpsAfterCount + o.NpsAfterCount,
        Retained + o.Retained, PointsSpent + o.PointsSpent);

    /// <summary>Share of decided incidents recovered within 24 hours; null before any is decided.</summary>
    public double? ShareWithinSla => SlaDecided == 0 ? null : Math.Round((double)WithinSla / SlaDecided, 4);

    public double? AverageNpsBefore => NpsBeforeCount == 0 ? null : Math.Round((double)NpsBeforeSum / NpsBeforeCount, 2);

    public double? AverageNpsAfter => NpsAfterCount == 0 ? null : Math.Round((double)NpsAfterSum / NpsAfterCount, 2);
}
