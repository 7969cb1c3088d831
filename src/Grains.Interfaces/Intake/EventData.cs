namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// The type-specific payload of an event. Each wire <c>type</c> of events.md has one record here,
/// so grains decide by pattern matching rather than by re-reading JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.EventData")]
public abstract record EventData
{
    /// <summary>The wire name of the event type, e.g. <c>service.visit.completed</c>.</summary>
    public abstract string Type { get; }
}

[GenerateSerializer, Immutable, Alias("pitstop.VisitOpened")]
public sealed record VisitOpened(
    [property: Id(0)] string JobCardId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Vin,
    [property: Id(3)] string AdvisorId,
    [property: Id(4)] IReadOnlyList<string> TechnicianIds,
    [property: Id(5)] DateTimeOffset PromisedAt) : EventData
{
    public override string Type => EventTypes.VisitOpened;
}

[GenerateSerializer, Immutable, Alias("pitstop.VisitCompleted")]
public sealed record VisitCompleted(
    [property: Id(0)] string JobCardId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Vin,
    [property: Id(3)] VehicleClass VehicleClass,
    [property: Id(4)] VisitKind VisitKind,
    [property: Id(5)] string AdvisorId,
    [property: Id(6)] IReadOnlyList<string> TechnicianIds,
    [property: Id(7)] DateTimeOffset PromisedAt,
    [property: Id(8)] DateTimeOffset DeliveredAt,
    [property: Id(9)] bool FirstTimeFix,
    [property: Id(10)] bool RepeatRepair,
    [property: Id(11)] bool JobCardAccurate,
    [property: Id(12)] decimal InvoiceAmount) : EventData
{
    public override string Type => EventTypes.VisitCompleted;

    public bool DeliveredOnTime => DeliveredAt <= PromisedAt;
}

[GenerateSerializer, Immutable, Alias("pitstop.QualityDefectReported")]
public sealed record QualityDefectReported(
    [property: Id(0)] string JobCardId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] DefectKind Defect,
    [property: Id(3)] string? Description,
    [property: Id(4)] IReadOnlyList<string> TechnicianIds) : EventData
{
    public override string Type => EventTypes.QualityDefectReported;
}

[GenerateSerializer, Immutable, Alias("pitstop.ComplaintLogged")]
public sealed record ComplaintLogged(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? JobCardId,
    [property: Id(3)] ComplaintSeverity Severity,
    [property: Id(4)] string? Category,
    [property: Id(5)] string? Channel) : EventData
{
    public override string Type => EventTypes.ComplaintLogged;
}

[GenerateSerializer, Immutable, Alias("pitstop.IncidentResolved")]
public sealed record IncidentResolved(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] DateTimeOffset ResolvedAt,
    [property: Id(2)] string? Note) : EventData
{
    public override string Type => EventTypes.IncidentResolved;
}

[GenerateSerializer, Immutable, Alias("pitstop.CsatSubmitted")]
public sealed record CsatSubmitted(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] string JobCardId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string? AdvisorId,
    [property: Id(4)] IReadOnlyList<string> TechnicianIds,
    [property: Id(5)] int Score,
    [property: Id(6)] bool Verified) : EventData
{
    public override string Type => EventTypes.CsatSubmitted;
}

[GenerateSerializer, Immutable, Alias("pitstop.NpsSubmitted")]
public sealed record NpsSubmitted(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? JobCardId,
    [property: Id(3)] string? AdvisorId,
    [property: Id(4)] int Score) : EventData
{
    public override string Type => EventTypes.NpsSubmitted;
}

[GenerateSerializer, Immutable, Alias("pitstop.AccessorySold")]
public sealed record AccessorySold(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? AdvisorId,
    [property: Id(3)] decimal Amount) : EventData
{
    public override string Type => EventTypes.AccessorySold;
}

[GenerateSerializer, Immutable, Alias("pitstop.UpsellSold")]
public sealed record UpsellSold(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string AdvisorId,
    [property: Id(3)] UpsellProduct Product,
    [property: Id(4)] decimal Amount) : EventData
{
    public override string Type => EventTypes.UpsellSold;
}

[GenerateSerializer, Immutable, Alias("pitstop.ContractSigned")]
public sealed record ContractSigned(
    [property: Id(0)] string ContractId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Vin,
    [property: Id(3)] VehicleClass VehicleClass,
    [property: Id(4)] Ownership Ownership,
    [property: Id(5)] ContractKind Kind) : EventData
{
    public override string Type => EventTypes.ContractSigned;
}

[GenerateSerializer, Immutable, Alias("pitstop.ReferralConverted")]
public sealed record ReferralConverted(
    [property: Id(0)] string ReferralCode,
    [property: Id(1)] string ReferrerCustomerId,
    [property: Id(2)] string RefereeCustomerId,
    [property: Id(3)] string ContractId) : EventData
{
    public override string Type => EventTypes.ReferralConverted;
}

[GenerateSerializer, Immutable, Alias("pitstop.SupportCaseClosed")]
public sealed record SupportCaseClosed(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string? CustomerId,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset FirstResponseAt,
    [property: Id(5)] DateTimeOffset ClosedAt,
    [property: Id(6)] int SlaHours,
    [property: Id(7)] bool NotesComplete) : EventData
{
    public override string Type => EventTypes.SupportCaseClosed;
}

[GenerateSerializer, Immutable, Alias("pitstop.TransactionReversed")]
public sealed record TransactionReversed(
    [property: Id(0)] string OriginalSource,
    [property: Id(1)] string OriginalId,
    [property: Id(2)] string Reason) : EventData
{
    public override string Type => EventTypes.TransactionReversed;
}
