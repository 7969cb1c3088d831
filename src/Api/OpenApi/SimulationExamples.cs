namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the what-if replays of the program.</summary>
internal static class SimulationExamples
{
    private const string Figures = """
        {"customerPointsByKind":{"recovery":15000,"sale.accessory.completed":1200,"service.visit.completed":45000},
         "staffPointsByKind":{"service.visit.completed":28800},"budgetDrawn":{"DLR-KA-001":90000},
         "tiers":{"silver":412,"gold":37,"platinum":4},"recoveryPoints":15000,
         "boards":[{"role":"technician","month":"2026-11","scope":"state:KA","top":[{"rank":1,"staffId":"S-KA-T7","name":"Ravi Kumar","dealershipId":"DLR-KA-001","score":1240}]}]}
        """;

    private const string Doubled = """
        {"customerPointsByKind":{"recovery":15000,"sale.accessory.completed":1200,"service.visit.completed":90000},
         "staffPointsByKind":{"service.visit.completed":28800},"budgetDrawn":{"DLR-KA-001":135000},
         "tiers":{"silver":405,"gold":43,"platinum":5},"recoveryPoints":15000,
         "boards":[{"role":"technician","month":"2026-11","scope":"state:KA","top":[{"rank":1,"staffId":"S-KA-T7","name":"Ravi Kumar","dealershipId":"DLR-KA-001","score":1240}]}]}
        """;

    private static readonly string Completed = $$"""
        {"id":"SIM-3-5f0c2a91","state":"completed","requestedAt":"2026-12-01T09:00:00+00:00","from":"2026-11-01T00:00:00+05:30",
         "to":"2026-12-01T00:00:00+05:30","dealerships":["DLR-KA-001"],"states":null,"replayed":3062,"total":3062,"error":null,
         "inForce":{{Figures}},"candidate":{{Doubled}}}
        """;

    private const string Running = """
        {"id":"SIM-4-a17be3c0","state":"running","requestedAt":"2026-12-01T09:05:00+00:00","from":"2026-11-01T00:00:00+05:30",
         "to":"2026-12-01T00:00:00+05:30","dealerships":null,"states":["KA"],"replayed":1200,"total":8410,"error":null,"inForce":null,"candidate":null}
        """;

    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/program/simulations"] = new(
            202,
            """
            {"program":{"customerEarning":{"scheduledVisit":1000},"recovery":{"minorAward":5000}},
             "from":"2026-11-01T00:00:00+05:30","to":"2026-12-01T00:00:00+05:30","states":["KA"]}
            """,
            Running),
        ["GET /api/v1/program/simulations"] = new(200, null, $$"""{"items":[{{Running}},{{Completed}}]}"""),
        ["GET /api/v1/program/simulations/{id}"] = new(200, null, Completed),
        ["DELETE /api/v1/program/simulations/{id}"] = new(200, null, Running.Replace("\"running\"", "\"cancelled\"", StringComparison.Ordinal)),
        ["GET /api/v1/program/simulations/{id}/ledger"] = new(200, null, """
            {"items":[{"id":"dms:evt-90211:customer:C-1","at":"2026-11-20T10:00:01+00:00","kind":"award","points":1000,
              "dealershipId":"DLR-KA-001","sourceEventId":"dms:evt-90211","note":null}],"next":null}
            """),
    };
}
