using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Recovery;

[GenerateSerializer, Alias("pitstop.IncidentState")]
public sealed class IncidentState : EventConsumerState, IJournalledState
{
    /// <summary>The event that opened the incident; null until one has (a resolution may come first).</summary>
    [Id(0)] public DmsEvent? Opening { get; set; }

    [Id(1)] public IncidentKind Kind { get; set; }

    [Id(2)] public IncidentSeverity Severity { get; set; }

    [Id(3)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>A resolution that arrived before the incident's opening: it closes the incident when that comes.</summary>
    [Id(4)] public DateTimeOffset? ResolvedAhead { get; set; }

    /// <summary>Whether the customer has linked the incident (and answered the repeat rule).</summary>
    [Id(5)] public bool Joined { get; set; }

    [Id(6)] public bool Repeat { get; set; }

    /// <summary>NPS answers of the customer this incident has heard of (the last before it and those since).</summary>
    [Id(7)] public List<NpsReading> Nps { get; set; } = [];

    [Id(8)] public List<VisitSeen> Visits { get; set; } = [];

    /// <summary>Set once the customer has received the recovery award (funded or pending).</summary>
    [Id(9)] public RecoveryOutcomeRecord? Recovery { get; set; }

    [Id(10)] public Dictionary<int, FollowUpRecord> FollowUps { get; set; } = [];

    [Id(11)] public string? Note { get; set; }

    [Id(12)] public DurableOutbox Outbox { get; set; } = new();

    /// <summary>The customer's support cases this incident has heard of (for a complaint's escalation), once each.</summary>
    [Id(13)] public List<SupportCaseSeen> SupportCases { get; set; } = [];

    /// <summary>Of the recovery's points, what the customer last said they had redeemed.</summary>
    [Id(14)] public long PointsRedeemed { get; set; }
}

[GenerateSerializer, Immutable, Alias("pitstop.RecoveryOutcomeRecord")]
public sealed record RecoveryOutcomeRecord(
    [property: Id(0)] long Points,
    [property: Id(1)] ExperienceCategory Category,
    [property: Id(2)] DateTimeOffset? DeliveredAt);

[GenerateSerializer, Immutable, Alias("pitstop.FollowUpRecord")]
public sealed record FollowUpRecord(
    [property: Id(0)] DateTimeOffset CompletedAt,
    [property: Id(1)] string Outcome,
    [property: Id(2)] string? Note,
    [property: Id(3)] RecoveryExpectations? Expectations = null);
