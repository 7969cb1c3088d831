namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the intake: a batch with one good event and one of another credential's dealership.</summary>
internal static class IntakeExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/events"] = new(202, Batch, Answer),
    };

    private const string Batch = """
        {"events":[
          {"id":"evt-1","source":"dms","type":"service.visit.completed","occurredAt":"2026-11-20T16:45:00+05:30","dealershipId":"DLR-KA-001",
           "data":{"jobCardId":"JC-1","customerId":"C-1","vin":"W1K2060421F000001","vehicleClass":"mid","visitKind":"scheduled",
                   "advisorId":"S-A1","technicianIds":["S-T1"],"promisedAt":"2026-11-20T17:00:00+05:30","deliveredAt":"2026-11-20T16:40:00+05:30",
                   "firstTimeFix":true,"repeatRepair":false,"jobCardAccurate":true,"invoiceAmount":18500.00}},
          {"id":"evt-2","source":"crm","type":"complaint.logged","occurredAt":"2026-11-20T18:05:00+05:30","dealershipId":"DLR-KL-002",
           "data":{"complaintId":"CMP-1","customerId":"C-2","severity":"high"}}]}
        """;

    private const string Answer = """
        {"accepted":1,"duplicates":0,"rejected":[{"index":1,"id":"evt-2","errors":{"dealershipId":["is outside this credential's scope"]}}]}
        """;
}
