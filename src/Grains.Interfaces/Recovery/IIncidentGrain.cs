using System.Text.Json.Serialization;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.Recovery;

/// <summary>
/// One service incident, keyed by the derived id of events.md (<c>delay:</c>, <c>defect:</c>,
/// <c>complaint:</c>). Fed by its dealership's event router (the events that open and close it)
/// and by its customer's notices (surveys and visits that come after it).
/// </summary>
[Alias("pitstop.IIncidentGrain")]
public interface IIncidentGrain : IEventConsumer
{
    /// <summary>The incident as the API shows it; null for an id no event has opened.</summary>
    [ReadOnly, Alias("get")]
    Task<IncidentView?> GetAsync();

    /// <summary>
    /// What the customer saw after the incident opened: NPS answers, service visits, a pending
    /// recovery funded. Idempotent: the customer repeats notices it is not sure were received.
    /// </summary>
    [Alias("notice")]
    Task NoticeAsync(IReadOnlyList<CustomerNotice> notices);

    /// <summary>
    /// Closes the follow-up of <paramref name="day"/> with what the customer said, and whether the
    /// recovery met their expectations when they said; the answer says why it could not.
    /// </summary>
    [Alias("complete-follow-up")]
    Task<FollowUpOutcome> CompleteFollowUpAsync(int day, string outcome, string? note, RecoveryExpectations? expectations);

    /// <summary>Sets the service manager's personal note; null when no event has opened the incident.</summary>
    [Alias("set-note")]
    Task<IncidentView?> SetNoteAsync(string note);
}

public enum IncidentKind { Delay, Defect, Complaint }

public enum IncidentSeverity { Minor, Moderate, Major }

/// <summary>Open until closed; closed until its recovery is delivered; then recovered.</summary>
public enum IncidentStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("recovered")] Recovered,
}

/// <summary>The experiences a recovery can be spent on (program.md, service recovery).</summary>
public enum ExperienceCategory
{
    [JsonStringEnumMemberName("dining")] Dining,
    [JsonStringEnumMemberName("wellness")] Wellness,
    [JsonStringEnumMemberName("adventure")] Adventure,
    [JsonStringEnumMemberName("lifestyle")] Lifestyle,
}

/// <summary>What the customer said of the recovery at a follow-up, against what they expected.</summary>
public enum RecoveryExpectations
{
    [JsonStringEnumMemberName("exceeded")] Exceeded,
    [JsonStringEnumMemberName("met")] Met,
    [JsonStringEnumMemberName("below")] Below,
}

public enum FollowUpRefusal { NoSuchIncident, NotScheduled }

[GenerateSerializer, Immutable, Alias("pitstop.FollowUpOutcome")]
public sealed record FollowUpOutcome([property: Id(0)] IncidentView? Incident, [property: Id(1)] FollowUpRefusal? Refusal);

/// <summary>Something a customer did after an incident opened that the incident may need to know.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.CustomerNotice")]
public sealed record CustomerNotice(
    [property: Id(0)] CustomerNoticeKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Ref,
    [property: Id(3)] int Score = 0,
    [property: Id(4)] long Points = 0);

/// <summary>
/// <see cref="Nps"/>: an NPS answer (Ref = survey id, Score 0–10); <see cref="Visit"/>: a service
/// visit completed (Ref = job card id); <see cref="RecoveryFunded"/>: the pending recovery was funded at <c>At</c>;
/// <see cref="RecoveryRedeemed"/>: of the recovery, the customer has now redeemed <c>Points</c> in all
/// (the latest total, which a cancellation lowers); <see cref="SupportCase"/>: the customer reached the
/// call centre or escalation desk in a case opened at <c>At</c> (Ref = case id).
/// </summary>
public enum CustomerNoticeKind { Nps, Visit, RecoveryFunded, RecoveryRedeemed, SupportCase }
