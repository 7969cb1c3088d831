using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests.Import;

/// <summary>Uploads that cannot be imported as a whole: a problem+json answer, and nothing imported.</summary>
[Collection(ImportCollection.Name)]
public class ImportBadInputTests(ImportEngine engine)
{
    private const string Dealership = "DLR-import-bad";
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_header_without_a_required_column_is_400_naming_it_and_nothing_is_imported()
    {
        await _http.RegisterDealershipAsync(Dealership);

        using var response = await _http.PostCsvAsync(ImportHttp.Customers, $"customerId,fullName\nC-imp-hdr-1,Asha,{Dealership}\n");

        await ProblemChecks.ShouldBeProblemAsync(response, "import without name", HttpStatusCode.BadRequest, ownType: true, ["name", "dealershipId"]);
        (await _http.GetAsync("/api/v1/customers/C-imp-hdr-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(ImportHttp.Dealerships, "dealershipId,name,city,region\nDLR-imp-hdr-1,Pitstop,Pune,west\n", new[] { "state" })]
    [InlineData(ImportHttp.Staff, "employeeId,name,designation,dealershipId\nS-imp-hdr-1,Ravi,Technician,DLR-import-bad\n", new[] { "role" })]
    public async Task A_reference_data_header_without_a_required_column_is_400_naming_it(string path, string csv, string[] missing)
    {
        using var response = await _http.PostCsvAsync(path, csv);

        await ProblemChecks.ShouldBeProblemAsync(response, $"{path} without {missing[0]}", HttpStatusCode.BadRequest, ownType: true, missing);
    }

    [Fact]
    public async Task A_quote_left_open_is_400_naming_the_row_and_the_rows_before_it_are_not_imported()
    {
        await _http.RegisterDealershipAsync(Dealership);
        var csv = $"customerId,name,dealershipId\nC-imp-quote-1,Asha,{Dealership}\nC-imp-quote-2,\"Ravi,{Dealership}\nC-imp-quote-3,Meera,{Dealership}\n";

        using var response = await _http.PostCsvAsync(ImportHttp.Customers, csv);

        await ProblemChecks.ShouldBeProblemAsync(response, "import with an open quote", HttpStatusCode.BadRequest, ownType: true, ["rows[1]"]);
        (await _http.GetAsync("/api/v1/customers/C-imp-quote-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=iso-8859-1")]
    public async Task A_body_that_is_not_UTF8_CSV_is_415(string contentType)
    {
        using var response = await _http.PostCsvAsync(ImportHttp.Customers, "customerId,name,dealershipId\n", contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Text_csv_with_a_UTF8_charset_is_accepted()
    {
        using var response = await _http.PostCsvAsync(ImportHttp.Customers, "customerId,name,dealershipId\n", "text/csv; charset=utf-8");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task More_rows_than_an_upload_may_hold_is_413_and_nothing_is_imported()
    {
        var csv = new StringBuilder("customerId,points\n");
        for (var i = 0; i <= 200_000; i++)
        {
            csv.Append("C-imp-many-").Append(i).Append(",1\n");
        }

        using var response = await _http.PostCsvAsync(ImportHttp.OpeningBalances, csv.ToString());

        await ProblemChecks.ShouldBeProblemAsync(response, "import of 200,001 rows", HttpStatusCode.RequestEntityTooLarge, ownType: true, []);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_400_and_an_empty_body_is_400()
    {
        using var invalid = await _http.PostAsync(ImportHttp.Customers, new ByteArrayContent([.. "customerId,name,dealershipId\nC-1,"u8.ToArray(), 0xFF, 0x0A])
        {
            Headers = { { "Content-Type", "text/csv" } },
        });
        using var empty = await _http.PostCsvAsync(ImportHttp.Customers, "");

        await ProblemChecks.ShouldBeProblemAsync(invalid, "import of invalid UTF-8", HttpStatusCode.BadRequest, ownType: true, ["body"]);
        await ProblemChecks.ShouldBeProblemAsync(empty, "import of nothing", HttpStatusCode.BadRequest, ownType: true, ["body"]);
    }

    [Theory]
    [InlineData(ImportHttp.Customers, TestCredentials.CxKey)]
    [InlineData(ImportHttp.Customers, TestCredentials.WorkshopManagerKey)]
    [InlineData(ImportHttp.Customers, TestCredentials.IngestKarnatakaKey)]
    [InlineData(ImportHttp.Customers, TestCredentials.RegionalLeadKeralaKey)]
    [InlineData(ImportHttp.OpeningBalances, TestCredentials.CxKey)]
    [InlineData(ImportHttp.OpeningBalances, TestCredentials.WorkshopManagerKey)]
    [InlineData(ImportHttp.OpeningBalances, TestCredentials.IngestKarnatakaKey)]
    [InlineData(ImportHttp.OpeningBalances, TestCredentials.RegionalLeadKeralaKey)]
    [InlineData(ImportHttp.Dealerships, TestCredentials.CxKey)]
    [InlineData(ImportHttp.Dealerships, TestCredentials.WorkshopManagerKey)]
    [InlineData(ImportHttp.Dealerships, TestCredentials.IngestKarnatakaKey)]
    [InlineData(ImportHttp.Dealerships, TestCredentials.RegionalLeadKeralaKey)]
    [InlineData(ImportHttp.Staff, TestCredentials.CxKey)]
    [InlineData(ImportHttp.Staff, TestCredentials.WorkshopManagerKey)]
    [InlineData(ImportHttp.Staff, TestCredentials.IngestKarnatakaKey)]
    [InlineData(ImportHttp.Staff, TestCredentials.RegionalLeadKeralaKey)]
    public async Task Only_an_admin_imports(string path, string key)
    {
        using var response = await engine.CreateClientWithKey(key).PostCsvAsync(path, "customerId,points\nC-imp-authz,5\n");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData(ImportHttp.Customers)]
    [InlineData(ImportHttp.OpeningBalances)]
    [InlineData(ImportHttp.Dealerships)]
    [InlineData(ImportHttp.Staff)]
    public async Task Without_a_credential_an_import_is_401(string path)
    {
        using var response = await engine.CreateAnonymousClient().PostCsvAsync(path, "customerId,points\nC-imp-authz,5\n");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_import_taking_CSV()
    {
        var document = JsonNode.Parse(await engine.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"))!;

        foreach (var path in new[] { ImportHttp.Dealerships, ImportHttp.Staff, ImportHttp.Customers, ImportHttp.OpeningBalances })
        {
            var post = document["paths"]![path]!["post"]!;
            post["requestBody"]!["content"]!.AsObject().Should().ContainKey("text/csv");
            post["responses"]!.AsObject().Should().ContainKeys("200", "400", "413", "415");
            post["description"]!.GetValue<string>().Should().StartWith("Header row required. Columns:");
        }
    }
}
