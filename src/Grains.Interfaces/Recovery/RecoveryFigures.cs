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
    [property: Id(14)] int NpsAfterDetractors,
    // Recoveries whose latest follow-up asked about expectations, and of those the ones that exceeded them.
    [property: Id(15)] int ExpectationsAnswered = 0,
    [property: Id(16)] int ExceededExpectations = 0,
    // Of the points spent (issued as recoveries), those their customers redeemed after receiving them.
    [property: Id(17)] long RecoveryPointsRedeemed = 0,
    // Complaint incidents, and those whose customer reached the escalation desk before recovery.
    [property: Id(18)] int Complaints = 0,
    [property: Id(19)] int EscalatedComplaints = 0)
{
    public static readonly RecoveryFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RecoveryFigures Add(RecoveryFigures o) => new(
        Incidents + o.Incidents, Closed + o.Closed, Recovered + o.Recovered, SlaDecided + o.SlaDecided, WithinSla + o.WithinSla,
        NpsBeforeSum + o.NpsBeforeSum, NpsBeforeCount + o.NpsBeforeCount, NpsAfterSum + o.NpsAfterSum, NpsAfterCount + o.NpsAfterCount,
        Retained + o.Retained, PointsSpent + o.PointsSpent,
        NpsBeforePromoters + o.NpsBeforePromoters, NpsBeforeDetractors + o.NpsBeforeDetractors,
        NpsAfterPromoters + o.NpsAfterPromoters, NpsAfterDetractors + o.NpsAfterDetractors,
        ExpectationsAnswered + o.ExpectationsAnswered, ExceededExpectations + o.ExceededExpectations,
        RecoveryPointsRedeemed + o.RecoveryPointsRedeemed, Complaints + o.Complaints, EscalatedComplaints + o.EscalatedComplaints);

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

    /// <summary>Share of the recoveries asked about expectations that exceeded them; null before any answer.</summary>
    public double? ShareExceededExpectations => Share(ExceededExpectations, ExpectationsAnswered);

    /// <summary>Share of the recovery points issued (delivered) that were redeemed; null before any were issued.</summary>
    public double? ShareRecoveryPointsRedeemed => PointsSpent == 0 ? null : Math.Round((double)RecoveryPointsRedeemed / PointsSpent, 4);

    /// <summary>Share of complaints escalated; null without complaints.</summary>
    public double? EscalationRate => Share(EscalatedComplaints, Complaints);

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static double? Nps(int promoters, int detractors, int answers) =>
        answers == 0 ? null : Math.Round(100.0 * (promoters - detractors) / answers, 1);
}
