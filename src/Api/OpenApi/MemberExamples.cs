namespace Pitstop.Api.OpenApi;

/// <summary>Examples of customers and staff: balances, tier, KPI points, ranks, ledgers.</summary>
internal static class MemberExamples
{
    public const string NewStaff = """
        {"staffId":"S-T1","name":"Ravi Kumar","role":"technician","dealershipId":"DLR-KA-001",
         "wallet":{"available":0,"pending":0,"lifetimeEarned":0,"redeemed":0,"expired":0},
         "kpiPoints":0,"eventsApplied":0,"score":0,"ranks":{"period":"2026-11"},"badges":[],"challenges":[],"designation":"Senior Technician",
         "challengeProgress":[]}
        """;

    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/customers/{id}"] = new(200, null, Customer),
        ["GET /api/v1/staff/{id}"] = new(200, null, Staff),
        ["GET /api/v1/customers/{id}/ledger"] = new(200, null, CustomerLedger),
        ["GET /api/v1/customers/{id}/referral-code"] = new(200, null, """{"customerId":"C-1","referralCode":"REF-2CGCPVKF"}"""),
        ["GET /api/v1/staff/{id}/ledger"] = new(200, null, StaffLedger),
    };

    private const string Customer = """
        {"customerId":"C-1","tier":"gold","balance":{"available":200,"pending":0,"lifetimeEarned":500,"redeemed":300,"expired":0},
         "homeDealershipId":"DLR-KA-001","eventsApplied":1,"expiringSoon":[],
         "profile":{"name":"Asha Rao","preferences":["dining","wellness"],"reviewDate":"2027-03-31"},
         "tierProgress":{"qualifyingPoints":20500,"vehicleTier":"gold","pointsTier":"silver","nextTier":"platinum","pointsToNextTier":129500},
         "contracts":[{"contractId":"CT-2026-001889","vin":"W1K2060421F000001","vehicleClass":"mid","ownership":"lease","kind":"new","signedAt":"2026-11-02T11:00:00+05:30"}],
         "openPrompts":[{"surveyId":"SV-55120","dealershipId":"DLR-KA-001","raisedAt":"2026-11-20T18:10:00+05:30"}],
         "nextReview":"2027-03-31","longTermLoyalty":false}
        """;

    private const string Staff = """
        {"staffId":"S-T1","name":"Ravi Kumar","role":"technician","dealershipId":"DLR-KA-001",
         "wallet":{"available":192,"pending":0,"lifetimeEarned":192,"redeemed":0,"expired":0},
         "kpiPoints":192,"eventsApplied":1,"score":192,"ranks":{"period":"2026-11","dealership":1,"state":3,"national":41},
         "badges":[],"challenges":[],"designation":"Senior Technician",
         "challengeProgress":[{"challengeId":"nov-on-time-15","title":"15 on-time deliveries in November","kpi":"on-time","target":15,"count":1,"points":300,
           "from":"2026-11-01","to":"2026-11-30","completed":false}]}
        """;

    private const string CustomerLedger = """
        {"items":[
          {"id":"RD~customer~C-1~mug-1","at":"2026-11-20T19:20:00+00:00","kind":"redemption","points":-300,"note":"1 x Pitstop mug"},
          {"id":"dms:evt-1:customer:C-1","at":"2026-11-20T11:15:02+00:00","kind":"award","points":625,"dealershipId":"DLR-KA-001","sourceEventId":"dms:evt-1",
           "explanation":{"rule":"visit.scheduled","inputs":{"tier":"gold","multiplier":"1.25","invoiceAmount":"18500.00"},"programVersion":3,
            "text":"visit, scheduled, tier gold ×1.25, version 3"}}],
         "next":"3"}
        """;

    private const string StaffLedger = """
        {"items":[{"id":"dms:evt-1:staff:S-T1","at":"2026-11-20T11:15:02+00:00","kind":"award","points":192,"dealershipId":"DLR-KA-001","sourceEventId":"dms:evt-1"}]}
        """;
}
