namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the Pitstop League: a leaderboard and a spot award.</summary>
internal static class LeagueExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/leaderboards/{role}"] = new(200, null, Leaderboard),
        ["GET /api/v1/leaderboards/{role}/live"] = new(200, null, LiveLeaderboard, ResponseMediaType: "text/event-stream"),
        ["POST /api/v1/staff/{id}/spot-awards"] = new(201, """{"points":100,"reason":"Stayed late to finish a breakdown job","idempotencyKey":"spot-1"}""", SpotAward),
    };

    private const string Leaderboard = """
        {"role":"technician","scope":"state:KA","period":"2026-11","members":214,"entries":[
          {"rank":1,"staffId":"S-T7","name":"Meena Iyer","dealershipId":"DLR-KA-004","score":2310},
          {"rank":2,"staffId":"S-T1","name":"Ravi Kumar","dealershipId":"DLR-KA-001","score":2195},
          {"rank":3,"staffId":"S-T12","name":"Arjun Shetty","dealershipId":"DLR-KA-002","score":2040}]}
        """;

    // One event's data: the stream sends it as `data:` of an event named for it.
    private const string LiveLeaderboard = """
        {"role":"technician","scope":"dealership:DLR-KA-001","period":"2026-11","members":1,"entries":[{"rank":1,"staffId":"S-T1","name":"Ravi Kumar","dealershipId":"DLR-KA-001","score":192}]}
        """;

    private const string SpotAward = """
        {"award":{"awardId":"workshop-ka-001~spot-1","staffId":"S-T1","points":100,"reason":"Stayed late to finish a breakdown job","month":"2026-11",
                  "at":"2026-11-20T18:30:00+00:00","funded":true},
         "givenThisMonth":100,"allowance":5000}
        """;
}
