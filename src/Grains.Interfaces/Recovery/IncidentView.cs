namespace Pitstop.Grains.Interfaces.Recovery;

/// <summary>An incident as <c>GET /api/v1/incidents/{id}</c> answers it (api.md, service recovery).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] IncidentKind Kind,
    [property: Id(2)] IncidentSeverity Severity,
    [property: Id(3)] IncidentStatus Status,
    [property: Id(4)] string CustomerId,
    [property: Id(5)] string DealershipId,
    [property: Id(6)] string? JobCardId,
    [property: Id(7)] DateTimeOffset OpenedAt,
    [property: Id(8)] DateTimeOffset? ClosedAt,
    [property: Id(9)] bool RepeatIncident,
    [property: Id(10)] RecoveryView? Recovery,
    [property: Id(11)] IReadOnlyList<FollowUpView> FollowUps,
    [property: Id(12)] NpsReading? NpsBefore,
    [property: Id(13)] NpsReading? NpsAfter,
    [property: Id(14)] bool Retained,
    [property: Id(15)] string? Note);

/// <summary>
/// The recovery award. <see cref="DeliveredAt"/> is null while the budget leaves it pending;
/// <see cref="SlaBreached"/> once it was not delivered within the promise of its closure.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.RecoveryView")]
public sealed record RecoveryView(
    [property: Id(0)] long Points,
    [property: Id(1)] ExperienceCategory Category,
    [property: Id(2)] DateTimeOffset DueBy,
    [property: Id(3)] DateTimeOffset? DeliveredAt,
    [property: Id(4)] bool? WithinSla,
    [property: Id(5)] bool SlaBreached);

/// <summary>A follow-up check-in: scheduled, due (a task to do) or completed.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.FollowUpView")]
public sealed record FollowUpView(
    [property: Id(0)] int Day,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset? CompletedAt,
    [property: Id(4)] string? Outcome,
    [property: Id(5)] string? Note,
    [property: Id(6)] RecoveryExpectations? Expectations = null);

[GenerateSerializer, Immutable, Alias("pitstop.NpsReading")]
public sealed record NpsReading([property: Id(0)] int Score, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string SurveyId);

/// <summary>A service visit of the customer, as an incident hears of it (for retention).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.VisitSeen")]
public sealed record VisitSeen([property: Id(0)] string JobCardId, [property: Id(1)] DateTimeOffset At);

/// <summary>A support case of the customer, as a complaint incident hears of it (for escalation).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.SupportCaseSeen")]
public sealed record SupportCaseSeen([property: Id(0)] string CaseId, [property: Id(1)] DateTimeOffset OpenedAt);

/// <summary>The states of a follow-up as the API spells them.</summary>
public static class FollowUpStatus
{
    public const string Scheduled = "scheduled";
    public const string Due = "due";
    public const string Completed = "completed";
}
