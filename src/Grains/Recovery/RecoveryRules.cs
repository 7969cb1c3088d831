using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// The service-recovery rules of program.md as plain functions: which events open or close which
/// incident, how severe it is, what it is worth, in which experience, and what counts as kept
/// promises. The grains only apply them.
/// </summary>
public sealed class RecoveryRules(RecoveryOptions options)
{
    public RecoveryOptions Options => options;

    /// <summary>The incidents an event opens or closes (events.md derives their ids).</summary>
    public IEnumerable<string> IncidentsOf(EventData data) => data switch
    {
        VisitCompleted v when Delay(v) >= options.DelayThreshold => [IncidentIds.Delay(v.JobCardId)],
        QualityDefectReported d => [IncidentIds.Defect(d.JobCardId)],
        ComplaintLogged c => [IncidentIds.Complaint(c.ComplaintId)],
        IncidentResolved r => [r.IncidentId],
        _ => [],
    };

    /// <summary>The incidents an event opens (all but resolutions).</summary>
    public IEnumerable<string> OpeningsOf(EventData data) => data is IncidentResolved ? [] : IncidentsOf(data);

    public static TimeSpan Delay(VisitCompleted visit) => visit.DeliveredAt - visit.PromisedAt;

    /// <summary>Severity when the incident opens; a repeat incident is major whatever its kind.</summary>
    public IncidentSeverity SeverityOf(EventData opening, bool repeat) => repeat ? IncidentSeverity.Major : opening switch
    {
        VisitCompleted v => Delay(v) > options.ModerateDelay ? IncidentSeverity.Moderate : IncidentSeverity.Minor,
        QualityDefectReported => IncidentSeverity.Moderate,
        ComplaintLogged { Severity: ComplaintSeverity.Low } => IncidentSeverity.Minor,
        ComplaintLogged { Severity: ComplaintSeverity.Medium } => IncidentSeverity.Moderate,
        ComplaintLogged => IncidentSeverity.Major,
        _ => throw new ArgumentException($"{opening.Type} opens no incident", nameof(opening)),
    };

    public long AwardFor(IncidentSeverity severity) => severity switch
    {
        IncidentSeverity.Minor => options.MinorAward,
        IncidentSeverity.Moderate => options.ModerateAward,
        _ => options.MajorAward,
    };

    /// <summary>Whether another incident of the customer opened within the repeat window before this one.</summary>
    public bool IsRepeat(DateTimeOffset openedAt, IEnumerable<DateTimeOffset> otherOpenings) =>
        otherOpenings.Any(other => other < openedAt && other >= openedAt.PlusDays(-options.RepeatWindowDays));

    /// <summary>
    /// The stated preference first (the first listed), else the experience redeemed most (by items;
    /// a tie goes to the earlier category), else lifestyle.
    /// </summary>
    public static ExperienceCategory CategoryFor(IReadOnlyList<ExperienceCategory> preferences, IReadOnlyDictionary<ExperienceCategory, int> redeemed)
    {
        if (preferences.Count > 0)
        {
            return preferences[0];
        }

        var most = redeemed.Where(r => r.Value > 0).OrderByDescending(r => r.Value).ThenBy(r => r.Key).Select(r => (ExperienceCategory?)r.Key).FirstOrDefault();
        return most ?? ExperienceCategory.Lifestyle;
    }

    public DateTimeOffset DueBy(DateTimeOffset closedAt) => closedAt.Plus(options.DeliveryPromise);

    /// <summary>Whether the promise is broken: not delivered by the due time (delivered late, or not yet and the time is up).</summary>
    public bool Breached(DateTimeOffset closedAt, DateTimeOffset? deliveredAt, DateTimeOffset now) =>
        deliveredAt is { } delivered ? delivered > DueBy(closedAt) : now > DueBy(closedAt);

    /// <summary>
    /// The last NPS before the incident opened. "After the recovery" counts from the closure, when
    /// the recovery falls due: a late batch then gives the same answer as real time would have.
    /// </summary>
    public static NpsReading? NpsBefore(IEnumerable<NpsReading> readings, DateTimeOffset openedAt) =>
        readings.Where(r => r.At < openedAt).OrderByDescending(r => r.At).ThenBy(r => r.SurveyId, StringComparer.Ordinal).FirstOrDefault();

    public static NpsReading? NpsAfter(IEnumerable<NpsReading> readings, DateTimeOffset? closedAt) => closedAt is { } closed
        ? readings.Where(r => r.At >= closed).OrderBy(r => r.At).ThenBy(r => r.SurveyId, StringComparer.Ordinal).FirstOrDefault()
        : null;

    /// <summary>Retained: another service visit completed after closure, within the retention window.</summary>
    public bool Retained(IEnumerable<VisitSeen> visits, DateTimeOffset? closedAt, string? incidentJobCardId) => closedAt is { } closed
        && visits.Any(v => v.At > closed && v.At <= closed.PlusMonths(options.RetentionMonths) && v.JobCardId != incidentJobCardId);
}

/// <summary>The derived incident ids of events.md.</summary>
public static class IncidentIds
{
    public static string Delay(string jobCardId) => $"delay:{jobCardId}";

    public static string Defect(string jobCardId) => $"defect:{jobCardId}";

    public static string Complaint(string complaintId) => $"complaint:{complaintId}";

    public static bool IsComplaint(string incidentId) => incidentId.StartsWith("complaint:", StringComparison.Ordinal);
}
