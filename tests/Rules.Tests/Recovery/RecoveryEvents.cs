using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Recovery;

/// <summary>The events that open and close incidents, with only what the recovery rules read.</summary>
internal static class RecoveryEvents
{
    public static readonly DateTimeOffset Promised = new(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(5.5));

    public static VisitCompleted Visit(TimeSpan delay, string jobCardId = "JC-1") => VisitDelivered(Promised, Promised + delay, jobCardId);

    public static VisitCompleted VisitDelivered(DateTimeOffset promisedAt, DateTimeOffset deliveredAt, string jobCardId = "JC-1") =>
        new(jobCardId, "C-1", "VIN1", VehicleClass.Mid, VisitKind.Repair, "S-A1", ["S-T1"], promisedAt, deliveredAt, true, false, true, 18_500m);

    public static QualityDefectReported Defect(string jobCardId = "JC-1") => new(jobCardId, "C-1", DefectKind.Electrical, "infotainment reboots", ["S-T1"]);

    public static ComplaintLogged Complaint(ComplaintSeverity severity, string complaintId = "CMP-1", string? jobCardId = "JC-1") =>
        new(complaintId, "C-1", jobCardId, severity, "communication", "call-centre");
}
