using System.Globalization;

namespace Pitstop.Grains.Interfaces.Recovery;

/// <summary>
/// A dealership's incidents that its desk can schedule nothing more for (recovered, every follow-up
/// completed or raised), by the month they opened: the history lists and analytics read, written
/// only when one of its incidents changes. Keyed <c>{dealershipId}|{yyyy-MM}</c>
/// (<see cref="RecoveryArchives.KeyOf"/>). It calls no grain, so a desk may call it mid-turn.
/// </summary>
[Alias("pitstop.IRecoveryArchiveGrain")]
public interface IRecoveryArchiveGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the summaries: incidents leaving their desk. Idempotent.</summary>
    [Alias("keep")]
    Task KeepAsync(IReadOnlyList<IncidentSummary> summaries);

    /// <summary>
    /// Replaces the summary of an incident the archive holds; false, with nothing written, when it
    /// holds no such incident (its desk still has it, or it is new).
    /// </summary>
    [Alias("update")]
    Task<bool> UpdateAsync(IncidentSummary summary);

    /// <summary>Incidents newest first (by opening time, then id), after <paramref name="after"/>.</summary>
    [ReadOnly, Alias("list")]
    Task<IReadOnlyList<IncidentSummary>> ListAsync(IncidentStatus? status, IncidentPosition? after, int limit);

    /// <summary>
    /// Figures of the incidents opened in [from, to), by kind and severity, leaving out those
    /// <paramref name="excluding"/> names (the desk holds them too, and answers for them).
    /// </summary>
    [ReadOnly, Alias("stats")]
    Task<IReadOnlyList<RecoveryBucket>> StatsAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string> excluding);
}

/// <summary>
/// How archives are partitioned: by the UTC month of the incident's opening. A storage partition,
/// not a program month, so that a reader picks the partitions of a time range without a time zone.
/// </summary>
public static class RecoveryArchives
{
    public static string KeyOf(string dealershipId, string month) => $"{dealershipId}|{month}";

    /// <summary>The dealership of an archive's key.</summary>
    public static string DealershipOf(string key) => key[..key.LastIndexOf('|')];

    public static string MonthOf(DateTimeOffset openedAt) => openedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whether incidents opened in [from, to) can lie in <paramref name="month"/> (either end open when null).</summary>
    public static bool Overlaps(string month, DateTimeOffset? from, DateTimeOffset? to)
    {
        var start = new DateTimeOffset(DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);
        return (to is null || start < to) && (from is null || start.AddMonths(1) > from);
    }
}
