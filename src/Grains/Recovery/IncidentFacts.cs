using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Recovery;

/// <summary>What the event that opened an incident says about it.</summary>
public static class IncidentFacts
{
    public static IncidentKind KindOf(EventData opening) => opening switch
    {
        VisitCompleted => IncidentKind.Delay,
        QualityDefectReported => IncidentKind.Defect,
        ComplaintLogged => IncidentKind.Complaint,
        _ => throw new ArgumentException($"{opening.Type} opens no incident", nameof(opening)),
    };

    public static string CustomerOf(EventData opening) => opening switch
    {
        VisitCompleted v => v.CustomerId,
        QualityDefectReported d => d.CustomerId,
        ComplaintLogged c => c.CustomerId,
        _ => throw new ArgumentException($"{opening.Type} opens no incident", nameof(opening)),
    };

    public static string? JobCardOf(EventData opening) => opening switch
    {
        VisitCompleted v => v.JobCardId,
        QualityDefectReported d => d.JobCardId,
        ComplaintLogged c => c.JobCardId,
        _ => null,
    };
}
