namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the reference data and migration imports (CSV in, the batch-shaped answer out), and the loyalty analytics.</summary>
internal static class MigrationExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/import/dealerships"] = new(200, DealershipsCsv, Answer, RequestMediaType: "text/csv"),
        ["POST /api/v1/import/staff"] = new(200, StaffCsv, Answer, RequestMediaType: "text/csv"),
        ["POST /api/v1/import/customers"] = new(200, CustomersCsv, Answer, RequestMediaType: "text/csv"),
        ["POST /api/v1/import/opening-balances"] = new(200, BalancesCsv, Answer, RequestMediaType: "text/csv"),
        ["GET /api/v1/analytics/loyalty"] = new(200, null, """
            {"month":"2026-12","state":"KA","customers":1234,"tiers":{"silver":1000,"gold":200,"platinum":34},"pointsIssued":1234500,"pointsRedeemed":234500,"redemptionRate":0.19,
             "tierMovesByMonth":[{"month":"2026-11","totalUpgrades":12,"totalRenewals":4,"upgrades":{"silver":0,"gold":10,"platinum":2},"renewals":{"silver":0,"gold":3,"platinum":1},"downgrades":{"silver":2,"gold":0,"platinum":0}},
              {"month":"2026-12","totalUpgrades":9,"totalRenewals":6,"upgrades":{"silver":0,"gold":8,"platinum":1},"renewals":{"silver":0,"gold":5,"platinum":1},"downgrades":{"silver":1,"gold":1,"platinum":0}}],
             "redemptions":{"redemptions":41,"points":61500,"byCategory":[{"category":"dining","redemptions":30,"points":9000},{"category":"wellness","redemptions":11,"points":52500}],
              "byCity":[{"city":"Bengaluru","state":"KA","redemptions":33,"points":50100},{"city":"Mysuru","state":"KA","redemptions":8,"points":11400}]},
             "referrals":{"codesIssued":25,"converted":6,"points":45000}}
            """),
    };

    private const string DealershipsCsv = """
        dealershipId,name,city,state,region
        DLR-KA-001,Pitstop Koramangala,Bengaluru,KA,south
        DLR-MH-004,"Pitstop Baner, Pune",Pune,MH,west

        """;

    private const string StaffCsv = """
        employeeId,name,designation,role,dealershipId
        S-118-T21,Ravi Kumar,Senior Technician,technician,DLR-KA-001
        S-118-A07,Asha Rao,Service Advisor,advisor,DLR-KA-001

        """;

    private const string CustomersCsv = """
        customerId,name,dealershipId,preferences,reviewDate,firstContractAt
        C-0042117,"Rao, Asha",DLR-KA-001,dining;wellness,2027-03-31,2019-04-01
        C-0099310,Ravi Kumar,DLR-KA-001,,,

        """;

    private const string BalancesCsv = """
        customerId,points,expiresAt,reference
        C-0042117,12500,2027-12-31,VCH-88123
        C-0099310,4000,,VCH-88124

        """;

    private const string Answer = """
        {"accepted":1,"duplicates":1,"rejected":[{"index":2,"id":"C-0042118","errors":{"dealershipId":["unknown dealership"]}}]}
        """;
}
