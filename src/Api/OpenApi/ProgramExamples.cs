namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the program's routes: the document in force, a piloted version stored, the list of versions, one version's document.</summary>
internal static class ProgramExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/program"] = new(200, null, Program),
        ["PUT /api/v1/program"] = new(201, PilotVersion, Stored),
        ["GET /api/v1/program/versions"] = new(200, null, $$"""
            [{"version":1,"effectiveFrom":null,"pilot":null,"createdAt":"2026-11-01T04:30:00+00:00","createdBy":"configuration"},{{Stored}}]
            """),
        ["GET /api/v1/program/versions/{version}"] = new(200, null, Program),
    };

    private const string Program = """
        {"customerEarning":{"scheduledVisit":500,"accessoryShare":0.05,"upsellShare":0.03,"feedback":100,"feedbackWindowDays":30,
          "referrer":5000,"referee":2500,"newContract":{"entry":10000,"mid":20000,"performance":40000},
          "renewal":{"entry":5000,"mid":10000,"performance":20000},"crossQualification":15000,"financeCompleted":5000,
          "longTermLoyaltyBonus":0.10,"longTermLoyaltyYears":3,"silverMultiplier":1.0,"goldMultiplier":1.25,"platinumMultiplier":1.5},
         "tiers":{"qualifyingMonths":12,"goldPoints":50000,"platinumPoints":150000,"upgradePromptDays":90},
         "budgets":{"threshold":100000,"amount":500000,"monthlyCap":2000000},
         "pointsLifetimeMonths":24,"timeZone":"Asia/Kolkata"}
        """;

    // Abridged: a real body repeats every setting GET /api/v1/program shows, changed or not.
    private const string PilotVersion = """
        {"effectiveFrom":"2026-12-01T00:00:00+05:30","pilot":{"dealerships":["DLR-KA-001"],"states":["MH"],"until":"2027-01-01T00:00:00+05:30"},
         "customerEarning":{"scheduledVisit":750,"accessoryShare":0.05,"upsellShare":0.03,"feedback":100,"feedbackWindowDays":30,
          "referrer":5000,"referee":2500,"newContract":{"entry":10000,"mid":20000,"performance":40000},
          "renewal":{"entry":5000,"mid":10000,"performance":20000},"crossQualification":15000,"financeCompleted":5000,
          "longTermLoyaltyBonus":0.10,"longTermLoyaltyYears":3,"silverMultiplier":1.0,"goldMultiplier":1.25,"platinumMultiplier":1.5},
         "tiers":{"qualifyingMonths":12,"goldPoints":50000,"platinumPoints":150000,"upgradePromptDays":90},
         "budgets":{"threshold":100000,"amount":500000,"monthlyCap":2000000},
         "pointsLifetimeMonths":24,"timeZone":"Asia/Kolkata"}
        """;

    private const string Stored = """
        {"version":2,"effectiveFrom":"2026-11-30T18:30:00+00:00","pilot":{"dealerships":["DLR-KA-001"],"states":["MH"],"until":"2026-12-31T18:30:00+00:00"},
         "createdAt":"2026-11-20T11:15:00+00:00","createdBy":"admin-console"}
        """;
}
