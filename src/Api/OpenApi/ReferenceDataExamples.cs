namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the reference data an admin keeps (dealerships, staff, customer profiles, the catalog) and of the caller's own credential.</summary>
internal static class ReferenceDataExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["PUT /api/v1/dealerships/{id}"] = new(200, Profile, NewDealership),
        ["GET /api/v1/dealerships/{id}"] = new(200, null, Dealership),
        ["PUT /api/v1/staff/{id}"] = new(200, """{"name":"Ravi Kumar","role":"technician","dealershipId":"DLR-KA-001","designation":"Senior Technician"}""", MemberExamples.NewStaff),
        ["PUT /api/v1/customers/{id}/profile"] = new(200, CustomerProfile, CustomerProfile),
        ["PUT /api/v1/catalog/items/{id}"] = new(200, """{"name":"Pitstop mug","category":"lifestyle","pointsCost":300,"stock":10}""", Mug),
        ["GET /api/v1/catalog"] = new(200, null, $"[{Mug}]"),
        ["GET /api/v1/me"] = new(200, null, """{"name":"ws-koramangala","role":"workshop-manager","dealerships":["DLR-KA-001"],"states":[]}"""),
    };

    private const string Profile = """{"name":"Pitstop Koramangala","city":"Bengaluru","state":"KA","region":"south"}""";

    private const string NewDealership = $$$"""{"dealershipId":"DLR-KA-001","profile":{{{Profile}}},"eventsApplied":0,"eventsByType":{}}""";

    private const string Dealership = $$$"""
        {"dealershipId":"DLR-KA-001","profile":{{{Profile}}},"eventsApplied":1842,
         "eventsByType":{"service.visit.completed":1650,"complaint.logged":12,"survey.nps.submitted":180}}
        """;

    private const string CustomerProfile = """{"name":"Asha Rao","preferences":["dining","wellness"],"reviewDate":"2027-03-31"}""";

    private const string Mug = """{"itemId":"MUG","name":"Pitstop mug","category":"lifestyle","pointsCost":300,"stock":10}""";
}
