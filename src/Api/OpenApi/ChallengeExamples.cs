namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the challenge routes: a dealership's challenge of November, created, edited, closed.</summary>
internal static class ChallengeExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/challenges"] = new(201, NewChallenge, Challenge("running", "15 on-time deliveries in November", "null")),
        ["GET /api/v1/challenges"] = new(200, null, $"[{Challenge("running", "15 on-time deliveries in November", "null")}]"),
        ["GET /api/v1/challenges/{id}"] = new(200, null, Challenge("scheduled", "15 on-time deliveries in November", "null")),
        ["PUT /api/v1/challenges/{id}"] = new(200, Edit, Challenge("running", "15 on time by 30 November", "null")),
        ["POST /api/v1/challenges/{id}/close"] = new(200, null, Challenge("closed", "15 on-time deliveries in November", "\"2026-11-20T11:15:00+00:00\"")),
    };

    private const string NewChallenge = """
        {"challengeId":"nov-on-time-15","title":"15 on-time deliveries in November","kpi":"on-time","target":15,"points":300,
         "scope":"dealership","dealershipId":"DLR-KA-001","from":"2026-11-01","to":"2026-11-30"}
        """;

    private const string Edit = """
        {"title":"15 on time by 30 November","kpi":"on-time","target":15,"points":300,"scope":"dealership","dealershipId":"DLR-KA-001",
         "from":"2026-11-01","to":"2026-11-30"}
        """;

    private static string Challenge(string status, string title, string closedAt) => $$"""
        {"challengeId":"nov-on-time-15","title":"{{title}}","kpi":"on-time","target":15,"points":300,"scope":"dealership",
         "dealershipId":"DLR-KA-001","from":"2026-11-01","to":"2026-11-30","closedAt":{{closedAt}},"status":"{{status}}"}
        """;
}
