using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Import;

/// <summary><c>POST /api/v1/import/dealerships</c>: the network's dealerships, as <c>PUT /dealerships/{id}</c> registers them.</summary>
[Collection(ImportCollection.Name)]
public class DealershipImportTests(ImportEngine engine)
{
    private const string Header = "dealershipId,name,city,state,region\n";
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Imported_dealerships_are_registered_and_take_events_and_the_same_file_again_is_all_duplicates()
    {
        const string csv = """
            dealershipId,name,city,state,region,manager
            DLR-imp-d-1,"Pitstop Baner, Pune",Pune,MH,west,A. Rao
            DLR-imp-d-2,Pitstop Koramangala,Bengaluru,KA,south,R. Kumar
            """;

        var first = await _http.ImportAsync(ImportHttp.Dealerships, csv);
        var again = await _http.ImportAsync(ImportHttp.Dealerships, csv);

        first.Counts().Should().Be((2, 0, 0), first.ToJsonString());
        again.Counts().Should().Be((0, 2, 0), "an identical row changes nothing");
        var baner = await _http.GetObjectAsync("/api/v1/dealerships/DLR-imp-d-1");
        baner["profile"]!.ToJsonString().Should().Be("""{"name":"Pitstop Baner, Pune","city":"Pune","state":"MH","region":"west"}""");
        var traffic = new Traffic(_http, "imp-d-2");
        var events = await (await traffic.PostAsync(traffic.CustomerOnlyVisit("imp-d-visit-1"))).Content.ReadFromJsonAsync<JsonObject>();
        events!["accepted"]!.GetValue<int>().Should().Be(1, "an imported dealership is a registered one: " + events.ToJsonString());
    }

    [Fact]
    public async Task A_changed_row_updates_its_dealership_and_only_it_is_accepted()
    {
        await _http.ImportAsync(ImportHttp.Dealerships, Header + "DLR-imp-chg-1,Pitstop One,Pune,MH,west\nDLR-imp-chg-2,Pitstop Two,Pune,MH,west\n");

        var answer = await _http.ImportAsync(ImportHttp.Dealerships, Header + "DLR-imp-chg-1,Pitstop One,Nashik,MH,west\nDLR-imp-chg-2,Pitstop Two,Pune,MH,west\n");

        answer.Counts().Should().Be((1, 1, 0), answer.ToJsonString());
        (await _http.GetObjectAsync("/api/v1/dealerships/DLR-imp-chg-1"))["profile"]!["city"]!.GetValue<string>().Should().Be("Nashik");
    }

    [Fact]
    public async Task Bad_rows_are_rejected_one_by_one_naming_their_columns_and_the_corrected_file_imports_only_the_fixes()
    {
        var bad = new[]
        {
            "DLR imp bad 1,Spaces In Id,Pune,MH,west",
            "DLR-imp-bad-2,,Pune,MH,west",
            "DLR-imp-bad-3,No State,Pune,XX,west",
            "DLR-imp-bad-4,Lower Case State,Pune,mh,west",
            $"DLR-imp-bad-5,{new string('n', 1_001)},Pune,MH,west",
            "DLR-imp-bad-6,Short Row,Pune,MH",
            "DLR-imp-bad-7,No City,,MH,",
        };
        var fixes = new[]
        {
            "DLR-imp-bad-1,Spaces In Id,Pune,MH,west",
            "DLR-imp-bad-2,Has A Name,Pune,MH,west",
            "DLR-imp-bad-3,No State,Pune,MH,west",
            "DLR-imp-bad-4,Lower Case State,Pune,MH,west",
            $"DLR-imp-bad-5,{new string('n', 1_000)},Pune,MH,west",
            "DLR-imp-bad-6,Short Row,Pune,MH,west",
            "DLR-imp-bad-7,No City,Pune,MH,west",
        };
        const string good = "DLR-imp-bad-0,Good One,Pune,MH,west\n";

        var answer = await _http.ImportAsync(ImportHttp.Dealerships, Header + good + string.Join('\n', bad) + "\n");
        var rejectedIsAbsent = (await _http.GetAsync("/api/v1/dealerships/DLR-imp-bad-3")).StatusCode;
        var corrected = await _http.ImportAsync(ImportHttp.Dealerships, Header + good + string.Join('\n', fixes) + "\n");

        answer.Counts().Should().Be((1, 0, 7), answer.ToJsonString());
        answer.RejectedColumns().Should().BeEquivalentTo(new Dictionary<int, string[]>
        {
            [1] = ["dealershipId"], [2] = ["name"], [3] = ["state"], [4] = ["state"], [5] = ["name"], [6] = ["row"], [7] = ["city", "region"],
        });
        answer["rejected"]![0]!["id"]!.GetValue<string>().Should().Be("DLR imp bad 1", "a rejected row is named by its dealershipId as written");
        rejectedIsAbsent.Should().Be(HttpStatusCode.NotFound, "a rejected row registers nothing");
        corrected.Counts().Should().Be((7, 1, 0), corrected.ToJsonString());
        (await _http.GetObjectAsync("/api/v1/dealerships/DLR-imp-bad-3"))["profile"]!["state"]!.GetValue<string>().Should().Be("MH");
    }

    [Fact]
    public async Task A_state_is_refused_by_the_import_with_the_message_the_PUT_gives()
    {
        using var put = await _http.PutAsJsonAsync("/api/v1/dealerships/DLR-imp-same-1", new { name = "Same", city = "Pune", state = "XX", region = "west" });
        var answer = await _http.ImportAsync(ImportHttp.Dealerships, Header + "DLR-imp-same-1,Same,Pune,XX,west\n");

        var putErrors = (await put.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["state"]!.ToJsonString();
        answer["rejected"]![0]!["errors"]!["state"]!.ToJsonString().Should().Be(putErrors);
    }

    [Fact]
    public async Task A_dealership_twice_in_one_upload_is_a_duplicate_when_the_rows_agree_and_rejected_when_they_differ()
    {
        var answer = await _http.ImportAsync(
            ImportHttp.Dealerships, Header + "DLR-imp-rep-1,Same,Pune,MH,west\nDLR-imp-rep-1,Same,Pune,MH,west\nDLR-imp-rep-1,Other,Pune,MH,west\n");

        answer.Counts().Should().Be((1, 1, 1), answer.ToJsonString());
        answer.RejectedColumns().Should().ContainKey(2).WhoseValue.Should().Equal("dealershipId");
        (await _http.GetObjectAsync("/api/v1/dealerships/DLR-imp-rep-1"))["profile"]!["name"]!.GetValue<string>().Should().Be("Same");
    }
}
