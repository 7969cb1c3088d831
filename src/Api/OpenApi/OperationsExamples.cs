namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the operators' routes: the events moved aside as poison, the event archive.</summary>
internal static class OperationsExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/admin/dead-letters"] = new(200, null, $$"""{"items":[{{Letter("open", "null", "null")}}]}"""),
        ["POST /api/v1/admin/dead-letters/{id}/retry"] = new(200, null, Letter("retried", "\"ops-admin\"", "\"2026-11-20T11:15:00+00:00\"")),
        ["POST /api/v1/admin/dead-letters/{id}/discard"] = new(200, null, Letter("discarded", "\"ops-admin\"", "\"2026-11-20T11:15:00+00:00\"")),
        ["GET /api/v1/admin/events"] = new(200, null, """
            {"items":[{"seq":4211,"source":"dms","eventId":"evt-90211","type":"sale.accessory.completed","dealershipId":"DLR-KA-001",
             "occurredAt":"2026-11-20T10:00:00+00:00","appliedAt":"2026-11-20T10:00:01.250+00:00",
             "data":{"orderId":"ACC-1","customerId":"C-1","advisorId":null,"amount":18500.00,"type":"sale.accessory.completed"}}],"next":"4211"}
            """),
    };

    private static string Letter(string status, string resolvedBy, string resolvedAt) => $$"""
        {"id":7,"status":"{{status}}","source":"dms","eventId":"evt-90211","type":"sale.accessory.completed","dealershipId":"DLR-KA-001",
         "occurredAt":"2026-11-20T10:00:00+00:00","data":{"orderId":"ACC-1","customerId":"C-1","advisorId":null,"amount":18500.00,"type":"sale.accessory.completed"},
         "error":"OverflowException: Arithmetic operation resulted in an overflow.","attempts":5,"deadLetteredAt":"2026-11-20T10:00:31+00:00",
         "resolvedBy":{{resolvedBy}},"resolvedAt":{{resolvedAt}}}
        """;
}
