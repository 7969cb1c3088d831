namespace Pitstop.Grains.Interfaces.Recovery;

/// <summary>
/// A dealership's recovery desk: the due-list of SLA checks and follow-ups, worked through by one
/// durable reminder per dealership rather than one per incident, with the summaries of the incidents
/// a check can still fall due for; settled ones live in its archives (<see cref="IRecoveryArchiveGrain"/>),
/// and lists and analytics read both. Keyed by dealership id. It calls only its archives, which call
/// no grain, so incidents may call it in the middle of their work.
/// </summary>
[Alias("pitstop.IRecoveryDeskGrain")]
public interface IRecoveryDeskGrain : IGrainWithStringKey
{
    /// <summary>Records the incident's latest summary and schedules what falls due from it. Idempotent.</summary>
    [Alias("upsert")]
    Task UpsertAsync(IncidentSummary summary);

    /// <summary>Incidents newest first (by opening time, then id), after <paramref name="after"/>.</summary>
    [ReadOnly, Alias("list")]
    Task<IReadOnlyList<IncidentSummary>> ListAsync(IncidentStatus? status, IncidentPosition? after, int limit);

    /// <summary>Figures of the incidents opened in [from, to), by kind and severity.</summary>
    [ReadOnly, Alias("stats")]
    Task<IReadOnlyList<RecoveryBucket>> StatsAsync(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// Raises what has fallen due (SLA breaches, follow-ups) as notifications; the reminder calls
    /// it, and so may anyone (it is idempotent). Answers how many notifications it raised.
    /// </summary>
    [Alias("review")]
    Task<int> ReviewAsync();
}

/// <summary>What a desk keeps of one incident.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.IncidentSummary")]
public sealed record IncidentSummary(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] IncidentKind Kind,
    [property: Id(2)] IncidentSeverity Severity,
    [property: Id(3)] IncidentStatus Status,
    [property: Id(4)] string CustomerId,
    [property: Id(5)] string DealershipId,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset? ClosedAt,
    [property: Id(8)] DateTimeOffset? DeliveredAt,
    [property: Id(9)] long Points,
    [property: Id(10)] int? NpsBefore,
    [property: Id(11)] int? NpsAfter,
    [property: Id(12)] bool Retained,
    [property: Id(13)] IReadOnlyList<int> FollowUpsCompleted,
    // What the latest follow-up that asked said of the recovery against expectations; null when none did.
    [property: Id(14)] RecoveryExpectations? Expectations = null,
    // Of the recovery's points, those the customer redeemed after receiving it (net of cancellations).
    [property: Id(15)] long PointsRedeemed = 0,
    // A complaint whose customer reached the escalation desk while it was not yet recovered.
    [property: Id(16)] bool Escalated = false)
{
    public IncidentPosition Position => new(OpenedAt, IncidentId);
}

/// <summary>A place in the newest-first order of incidents: the cursor of a list.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.IncidentPosition")]
public readonly record struct IncidentPosition([property: Id(0)] DateTimeOffset OpenedAt, [property: Id(1)] string IncidentId)
{
    /// <summary>Newest first: a later opening, then a greater id, comes earlier.</summary>
    public static readonly IComparer<IncidentPosition> NewestFirst = Comparer<IncidentPosition>.Create((a, b) =>
    {
        var byTime = b.OpenedAt.CompareTo(a.OpenedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.IncidentId, a.IncidentId);
    });
}

/// <summary>The figures of one dealership's incidents of one kind and severity.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.RecoveryBucket")]
public sealed record RecoveryBucket(
    [property: Id(0)] string DealershipId,
    [property: Id(1)] IncidentKind Kind,
    [property: Id(2)] IncidentSeverity Severity,
    [property: Id(3)] RecoveryFigures Figures);
