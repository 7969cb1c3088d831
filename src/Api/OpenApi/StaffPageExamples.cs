namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the staff pages' routes: the kiosk card and its PIN, recognition, staff performance.</summary>
internal static class StaffPageExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["PUT /api/v1/staff/{id}/pin"] = new(200, """{"pin":"2468"}""", """{"staffId":"S-T1","set":true}"""),
        ["POST /api/v1/staff/{id}/card"] = new(200, """{"pin":"2468"}""", Card),
        ["POST /api/v1/staff/{id}/card/redemptions"] = new(201, """{"pin":"2468","itemId":"CAP","quantity":1,"idempotencyKey":"kiosk-cap-1"}""", Placed),
        ["GET /api/v1/dealerships/{id}/recognition"] = new(200, null, Recognition),
        ["GET /api/v1/analytics/staff-performance"] = new(200, null, Performance),
    };

    private const string Card = """
        {"staff":{"staffId":"S-T1","name":"Ravi Kumar","role":"technician","dealershipId":"DLR-KA-001",
                  "wallet":{"available":2604,"pending":0,"lifetimeEarned":2604,"redeemed":0,"expired":0},
                  "kpiPoints":2604,"eventsApplied":12,"score":2604,"ranks":{"period":"2026-11","dealership":1,"state":3,"national":41},
                  "badges":["pitstop-pro"],"challenges":["on-time-4"],"designation":"Senior Technician",
                  "challengeProgress":[{"challengeId":"on-time-4","title":"Four on-time deliveries this month","kpi":"on-time","target":4,"count":9,"points":300,"completed":true},
                    {"challengeId":"nov-ftf-20","title":"20 first-time fixes in November","kpi":"first-time-fix","target":20,"count":12,"points":500,
                     "from":"2026-11-01","to":"2026-11-30","completed":false}]},
         "completedChallenges":[{"challengeId":"on-time-4","name":"Four on-time deliveries this month","bonus":300}],
         "recentPoints":[{"id":"dms:evt-9:staff:S-T1","at":"2026-11-20T11:15:02+00:00","kind":"award","points":192,"dealershipId":"DLR-KA-001","sourceEventId":"dms:evt-9",
           "explanation":{"rule":"visit.technician","inputs":{"onTime":"true","firstTimeFix":"true","zeroDefect":"true","multiplier":"1.2"},"programVersion":1,
            "text":"visit, technician, version 1"}}]}
        """;

    private const string Placed = """
        {"redemptionId":"RD~staff~S-T1~kiosk-cap-1","itemId":"CAP","quantity":1,"points":400,"status":"placed","placedAt":"2026-11-20T19:20:00+00:00"}
        """;

    private const string Recognition = """
        {"dealershipId":"DLR-KA-001","items":[
          {"kind":"spot-award","staffId":"S-A1","name":"Priya Menon","title":"Calmed an angry customer","points":50,"month":"2026-11","at":"2026-11-20T18:30:00+00:00"},
          {"kind":"challenge","staffId":"S-T1","name":"Ravi Kumar","title":"Four on-time deliveries this month","points":300,"month":"2026-11","at":"2026-11-18T11:02:00+00:00"},
          {"kind":"badge","staffId":"S-T1","name":"Ravi Kumar","title":"pitstop-pro","month":"2026-11","at":"2026-11-17T15:40:00+00:00"}]}
        """;

    private const string Performance = """
        {"month":"2026-11","dealershipId":"DLR-KA-001",
         "csatTrend":[{"month":"2026-10","answers":0},{"month":"2026-11","answers":40,"average":4.4,"satisfiedShare":0.85}],
         "onTimeByDealership":[{"dealershipId":"DLR-KA-001","state":"KA","visits":120,"onTime":102,"share":0.85}],
         "onTimeByState":[{"state":"KA","visits":120,"onTime":102,"share":0.85}],
         "technicians":[{"staffId":"S-T1","name":"Ravi Kumar","dealershipId":"DLR-KA-001","visits":24,"firstTimeFixes":22,"firstTimeFixRate":0.9166,
                         "repeatRepairs":1,"repeatRepairRate":0.0416}],
         "advisors":[{"staffId":"S-A1","name":"Priya Menon","dealershipId":"DLR-KA-001","visits":60,"upsells":9,"upsellsPerVisit":0.15}],
         "participation":{"registered":18,"earned":15,"share":0.8333,
                          "byDealership":[{"dealershipId":"DLR-KA-001","state":"KA","registered":18,"earned":15,"share":0.8333}]}}
        """;
}
