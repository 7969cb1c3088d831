namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the brand pool, the dealership budgets it funds, and the points-flow audit.</summary>
internal static class BudgetExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/pool/mint"] = new(200, """{"points":1000000,"reason":"launch","idempotencyKey":"mint-2026-11"}""", Minted),
        ["GET /api/v1/pool"] = new(200, null, Pool),
        ["GET /api/v1/dealerships/{id}/budget"] = new(200, null, Budget),
        ["POST /api/v1/dealerships/{id}/budget/top-ups"] = new(200, """{"points":100000,"reason":"November budget","idempotencyKey":"top-up-2026-11"}""", ToppedUp),
        ["PUT /api/v1/dealerships/{id}/budget/policy"] = new(200, Policy, Budget),
        ["GET /api/v1/budgets"] = new(200, null, $$"""
            {"state":"KA","budgets":[{{Budget}}],"dealerships":[{"dealershipId":"DLR-KA-001","name":"Pitstop Koramangala","city":"Bengaluru","state":"KA"}]}
            """),
        ["GET /api/v1/dealerships/{id}/budget/burn"] = new(200, null, Burn),
        ["GET /api/v1/admin/audit"] = new(200, null, Audit),
    };

    private const string Minted = """{"available":1000000,"minted":1000000,"toppedUp":0}""";

    private const string Pool = """{"available":900000,"minted":1000000,"toppedUp":100000}""";

    private const string Policy = """{"threshold":20000,"amount":50000,"monthlyCap":200000}""";

    private const string TopUp = """
        {"id":"top-up:DLR-KA-001:top-up-2026-11","at":"2026-11-20T10:00:00+00:00","points":100000,"automatic":false,"reason":"November budget","idempotencyKey":"top-up-2026-11"}
        """;

    private const string ToppedUp = $$"""
        {"dealershipId":"DLR-KA-001","available":100000,"toppedUpThisMonth":100000,"autoToppedUpThisMonth":0,"spentThisMonth":0,
         "pendingAwards":{"count":0,"points":0},"policy":{{Policy}},"recentTopUps":[{{TopUp}}],"toppedUpTotal":100000,"awardedTotal":0}
        """;

    private const string Budget = $$"""
        {"dealershipId":"DLR-KA-001","available":99238,"toppedUpThisMonth":100000,"autoToppedUpThisMonth":0,"spentThisMonth":762,
         "pendingAwards":{"count":0,"points":0},"policy":{{Policy}},"recentTopUps":[{{TopUp}}],"toppedUpTotal":100000,"awardedTotal":762}
        """;

    // A month's burn lists every day of the month; the example is cut to its first three.
    private const string Burn = """
        {"dealershipId":"DLR-KA-001","period":"2026-11","spent":762,"toppedUp":100000,"returned":0,"days":[
         {"date":"2026-11-01","spent":0,"toppedUp":100000,"returned":0},{"date":"2026-11-02","spent":500,"toppedUp":0,"returned":0},
         {"date":"2026-11-03","spent":262,"toppedUp":0,"returned":0}]}
        """;

    private const string Audit = """
        {"minted":1000000,"pool":900000,"budgets":99238,"walletsAvailable":462,"redeemed":300,"expired":0,"unfundedAwards":0,"journalMatchesGrains":true,"balanced":true}
        """;
}
