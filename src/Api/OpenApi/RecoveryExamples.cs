namespace Pitstop.Api.OpenApi;

/// <summary>Examples of service recovery (incidents, follow-ups, analytics) and the notification feed it writes to.</summary>
internal static class RecoveryExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/incidents/{id}"] = new(200, null, Incident(DaySevenDue, note: null)),
        ["GET /api/v1/incidents"] = new(200, null, Page),
        ["POST /api/v1/incidents/{id}/follow-ups/{day}/complete"] = new(200, FollowUp, Incident(DaySevenDone, Note)),
        ["PUT /api/v1/incidents/{id}/note"] = new(200, $$"""{"note":"{{Note}}"}""", Incident(DaySevenDue, Note)),
        ["GET /api/v1/analytics/recovery"] = new(200, null, Analytics),
        ["GET /api/v1/notifications"] = new(200, null, Notifications),
        ["GET /api/v1/notifications/live"] = new(200, null, LiveNotifications, ResponseMediaType: "text/event-stream"),
    };

    private const string FollowUp = """{"outcome":"reached","note":"Customer happy with the spa voucher","expectations":"exceeded"}""";

    private const string Note = "We are sorry for the wait. Enjoy the spa day on us. - Priya, service head";

    private const string DaySevenDue = """{"day":7,"dueAt":"2026-11-27T15:05:02+00:00","status":"scheduled"}""";

    private const string DaySevenDone = """
        {"day":7,"dueAt":"2026-11-27T15:05:02+00:00","status":"completed","completedAt":"2026-11-27T10:30:00+00:00","outcome":"reached","note":"Customer happy with the spa voucher","expectations":"exceeded"}
        """;

    private const string Page = """
        {"incidents":[{"incidentId":"complaint:CMP-1","kind":"complaint","severity":"major","status":"recovered","customerId":"C-1",
          "dealershipId":"DLR-KA-001","openedAt":"2026-11-20T12:35:00+00:00","closedAt":"2026-11-20T15:05:00+00:00",
          "deliveredAt":"2026-11-20T15:05:02+00:00","points":30000}],
         "next":"NjM5MzEwNTgyMTEwMDAwMDAwfmNvbXBsYWludDpDTVAtMQ"}
        """;

    private const string Figures = """
        {"incidents":1,"closed":1,"recovered":1,"slaDecided":1,"withinSla":1,"shareWithinSla":1,"averageNpsBefore":4,"averageNpsAfter":9,"retained":1,"pointsSpent":30000,
         "npsBefore":-100,"npsAfter":100,"npsBeforeAnswers":1,"npsAfterAnswers":1,
         "expectationsAnswered":1,"exceededExpectations":1,"shareExceededExpectations":1,
         "recoveryPointsIssued":30000,"recoveryPointsRedeemed":12000,"shareRecoveryPointsRedeemed":0.4,
         "complaints":1,"escalatedComplaints":0,"escalationRate":0}
        """;

    private const string Analytics = $$"""
        {"from":"2026-11-01T00:00:00+05:30","to":"2026-12-01T00:00:00+05:30","dealershipId":"DLR-KA-001","total":{{Figures}},
         "byKind":[{"kind":"complaint","figures":{{Figures}}}],"bySeverity":[{"severity":"major","figures":{{Figures}}}],
         "byDealership":[{"dealershipId":"DLR-KA-001","state":"KA","figures":{{Figures}}}],"byState":[{"state":"KA","figures":{{Figures}}}]}
        """;

    // One event's data: the stream sends it as `data:` of an event named for it.
    private const string LiveNotifications = """
        {"id":"budget.top-up:top-up:DLR-KA-001:top-up-2026-11","type":"budget.top-up","target":"dealership:DLR-KA-001","at":"2026-11-20T10:00:00+00:00","data":{"points":"100000","automatic":"false","available":"100000"},"seq":1,"dealershipId":"DLR-KA-001"}
        """;

    private const string Notifications = """
        {"items":[
          {"id":"budget.top-up:top-up:DLR-KA-001:top-up-2026-11","type":"budget.top-up","target":"dealership:DLR-KA-001","at":"2026-11-20T10:00:00+00:00",
           "data":{"points":"100000","automatic":"false","available":"100000"},"seq":1},
          {"id":"recovery.delivered:complaint:CMP-1","type":"recovery.delivered","target":"customer:C-1","at":"2026-11-20T15:05:02+00:00",
           "data":{"incidentId":"complaint:CMP-1","customerId":"C-1","dealershipId":"DLR-KA-001","severity":"major","points":"30000","category":"dining"},"seq":2}],
         "next":"2"}
        """;

    // The same recovered complaint, at two moments: before and after its day-7 follow-up, with or without the manager's note.
    private static string Incident(string daySeven, string? note) => $$"""
        {"incidentId":"complaint:CMP-1","kind":"complaint","severity":"major","status":"recovered","customerId":"C-1","dealershipId":"DLR-KA-001",
         "openedAt":"2026-11-20T12:35:00+00:00","closedAt":"2026-11-20T15:05:00+00:00","repeatIncident":false,
         "recovery":{"points":30000,"category":"dining","dueBy":"2026-11-21T12:35:00+00:00","deliveredAt":"2026-11-20T15:05:02+00:00","withinSla":true,"slaBreached":false},
         "followUps":[{{daySeven}},{"day":30,"dueAt":"2026-12-20T15:05:02+00:00","status":"scheduled"}],
         "retained":false{{(note is null ? "" : $",\"note\":\"{note}\"")}}}
        """;
}
