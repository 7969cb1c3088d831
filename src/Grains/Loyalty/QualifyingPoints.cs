namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The earnings that count towards a customer's points tier, by the time they were credited. Kept one per award (a customer earns a few dozen a year) so that a reversal takes back
/// exactly its own; recovery awards and opening balances are compensation, not earning, and never
/// count (docs/decisions.md, loyalty).
/// </summary>
[GenerateSerializer, Alias("pitstop.QualifyingPoints")]
public sealed class QualifyingPoints
{
    [Id(0)] public List<QualifyingEarning> Earnings { get; set; } = [];

    public void Add(string transferId, DateTimeOffset earnedAt, long points)
    {
        if (points > 0 && Earnings.TrueForAll(e => e.TransferId != transferId))
        {
            Earnings.Add(new QualifyingEarning(transferId, earnedAt, points));
        }
    }

    /// <summary>Takes back a reversed earning; false when it was not counted.</summary>
    public bool Remove(string transferId) => Earnings.RemoveAll(e => e.TransferId == transferId) > 0;

    /// <summary>Points earned after <paramref name="windowStart"/>.</summary>
    public long Since(DateTimeOffset windowStart) => Earnings.Where(e => e.EarnedAt > windowStart).Sum(e => e.Points);

    /// <summary>Forgets earnings too old to count again (an event is never older than the intake accepts).</summary>
    public void ForgetBefore(DateTimeOffset windowStart) => Earnings.RemoveAll(e => e.EarnedAt <= windowStart);
}

[GenerateSerializer, Immutable, Alias("pitstop.QualifyingEarning")]
public sealed record QualifyingEarning(
    [property: Id(0)] string TransferId,
    [property: Id(1)] DateTimeOffset EarnedAt,
    [property: Id(2)] long Points);
