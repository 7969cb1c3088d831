namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>The wire names of the event types of events.md.</summary>
public static class EventTypes
{
    public const string VisitOpened = "service.visit.opened";
    public const string VisitCompleted = "service.visit.completed";
    public const string QualityDefectReported = "quality.defect.reported";
    public const string ComplaintLogged = "complaint.logged";
    public const string IncidentResolved = "incident.resolved";
    public const string CsatSubmitted = "survey.csat.submitted";
    public const string NpsSubmitted = "survey.nps.submitted";
    public const string AccessorySold = "sale.accessory.completed";
    public const string UpsellSold = "sale.upsell.completed";
    public const string ContractSigned = "contract.signed";
    public const string ReferralConverted = "referral.converted";
    public const string SupportCaseClosed = "support.case.closed";
    public const string TransactionReversed = "transaction.reversed";
}
