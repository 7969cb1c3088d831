using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests.Import;

/// <summary>
/// An engine of the import tests' own: they check the brand pool to the point, so no other test
/// may mint or top up beside them (tests of one collection run one after another).
/// </summary>
public sealed class ImportEngine : EmbeddedEngine
{
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportEngine>
{
    public const string Name = "import engine";
}

/// <summary>The calls the import tests make.</summary>
internal static class ImportHttp
{
    public const string Dealerships = "/api/v1/import/dealerships";
    public const string Staff = "/api/v1/import/staff";
    public const string Customers = "/api/v1/import/customers";
    public const string OpeningBalances = "/api/v1/import/opening-balances";

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient http, string path, string csv, string contentType = "text/csv") =>
        http.PostAsync(path, new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { { "Content-Type", contentType } } });

    /// <summary>Posts <paramref name="csv"/> and reads the 200 answer.</summary>
    public static async Task<JsonObject> ImportAsync(this HttpClient http, string path, string csv)
    {
        using var response = await http.PostCsvAsync(path, csv);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static (int Accepted, int Duplicates, int Rejected) Counts(this JsonObject answer) =>
        (answer["accepted"]!.GetValue<int>(), answer["duplicates"]!.GetValue<int>(), answer["rejected"]!.AsArray().Count);

    /// <summary>The rejected rows: index → the columns named in their errors.</summary>
    public static Dictionary<int, string[]> RejectedColumns(this JsonObject answer) =>
        answer["rejected"]!.AsArray().ToDictionary(r => r!["index"]!.GetValue<int>(), r => r!["errors"]!.AsObject().Select(e => e.Key).Order().ToArray());

    public static async Task RegisterDealershipAsync(this HttpClient http, string dealershipId) =>
        (await http.PutAsJsonAsync($"/api/v1/dealerships/{dealershipId}", new { name = "Pitstop import", city = "Pune", state = "MH", region = "west" }))
            .EnsureSuccessStatusCode();

    public static async Task MintAsync(this HttpClient http, long points, string key) =>
        (await http.PostAsJsonAsync("/api/v1/pool/mint", new { points, reason = "migration", idempotencyKey = key })).EnsureSuccessStatusCode();

    public static async Task<long> PoolAvailableAsync(this HttpClient http) =>
        (await http.GetFromJsonAsync<JsonObject>("/api/v1/pool"))!["available"]!.GetValue<long>();
}
