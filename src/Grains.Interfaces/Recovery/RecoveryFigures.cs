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
    [property: Id(10)] long PointsSpent,
    // Of the NPS answers counted above, the promoters (9–10) and the detractors (0–6).
    [property: Id(11)] int NpsBeforePromoters,
    [property: Id(12)] int NpsBeforeDetractors,
    [property: Id(13)] int NpsAfterPromoters,
    [property: Id(14)] int NpsAfterDetractors)
{
    public static readonly RecoveryFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RecoveryFigures Add(RecoveryFigures o) => new(
        Incidents + o.Incidents, Closed + o.Closed, Recovered + o.Recovered, SlaDecided + o.SlaDecided, WithinSla + o.WithinSla,
        NpsBeforeSum + o.NpsBeforeSum, NpsBeforeCount + o.NpsBeforeCount, NpsAfterSum + o.NpsAfterSum, NpsAfterCount + o.NpsAfterCount,
        Retained + o.Retained, PointsSpent + o.PointsSpent,
        NpsBeforePromoters + o.NpsBeforePromoters, NpsBeforeDetractors + o.NpsBeforeDetractors,
        NpsAfterPromoters + o.NpsAfterPromoters, NpsAfterDetractors + o.NpsAfterDetractors);

    /// <summary>A promoter's answer: 9 or 10 on the 0–10 scale.</summary>
    public static bool IsPromoter(int score) => score >= 9;

    /// <summary>A detractor's answer: 0 to 6 (7 and 8 are passives, counted in neither).</summary>
    public static bool IsDetractor(int score) => score <= 6;

    /// <summary>Share of decided incidents recovered within 24 hours; null before any is decided.</summary>
    public double? ShareWithinSla => SlaDecided == 0 ? null : Math.Round((double)WithinSla / SlaDecided, 4);

    public double? AverageNpsBefore => NpsBeforeCount == 0 ? null : Math.Round((double)NpsBeforeSum / NpsBeforeCount, 2);

    public double? AverageNpsAfter => NpsAfterCount == 0 ? null : Math.Round((double)NpsAfterSum / NpsAfterCount, 2);

    /// <summary>Net Promoter Score of the answers before the incidents: % promoters − % detractors, −100 to 100, one decimal; null without answers.</summary>
    public double? NpsBefore => Nps(NpsBeforePromoters, NpsBeforeDetractors, NpsBeforeCount);

    /// <summary>Net Promoter Score of the first answers after closure, as <see cref="NpsBefore"/>.</summary>
    public double? NpsAfter => Nps(NpsAfterPromoters, NpsAfterDetractors, NpsAfterCount);

    private static double? Nps(int promoters, int detractors, int answers) =>
        answers == 0 ? null : Math.Round(100.0 * (promoters - detractors) / answers, 1);
}
