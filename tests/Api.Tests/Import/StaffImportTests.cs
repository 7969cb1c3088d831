using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Import;

/// <summary><c>POST /api/v1/import/staff</c>: an HR export of the dealerships' staff, as <c>PUT /staff/{id}</c> sets them.</summary>
[Collection(ImportCollection.Name)]
public class StaffImportTests(ImportEngine engine)
{
    private const string Header = "employeeId,name,designation,role,dealershipId\n";
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Imported_staff_show_their_name_designation_role_and_dealership_and_the_same_file_again_is_all_duplicates()
    {
        var traffic = new Traffic(_http, "imp-s");
        await traffic.RegisterDealershipAsync();
        var csv = $"""
            employeeId,name,designation,role,dealershipId,grade
            S-imp-s-1,"Kumar, Ravi",Senior Technician,technician,{traffic.Dealership},T3
            S-imp-s-2,Asha Rao,,advisor,{traffic.Dealership},A1
            """;

        var first = await _http.ImportAsync(ImportHttp.Staff, csv);
        var again = await _http.ImportAsync(ImportHttp.Staff, csv);

        first.Counts().Should().Be((2, 0, 0), first.ToJsonString());
        again.Counts().Should().Be((0, 2, 0), "an identical row changes nothing");
        var ravi = await _http.GetObjectAsync("/api/v1/staff/S-imp-s-1");
        ravi["name"]!.GetValue<string>().Should().Be("Kumar, Ravi");
        ravi["designation"]!.GetValue<string>().Should().Be("Senior Technician");
        ravi["role"]!.GetValue<string>().Should().Be("technician");
        ravi["dealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership);
        var asha = await _http.GetObjectAsync("/api/v1/staff/S-imp-s-2");
        asha["role"]!.GetValue<string>().Should().Be("advisor");
        asha["designation"].Should().BeNull("the HR export gave none");
    }

    [Fact]
    public async Task A_changed_row_updates_its_member_and_keeps_the_points_they_earned()
    {
        var traffic = new Traffic(_http, "imp-s-chg");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.VisitCompleted("imp-s-chg-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var technician = traffic.Staff("T", 1);
        var earned = await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["kpiPoints"]?.GetValue<long>() > 0);

        var answer = await _http.ImportAsync(ImportHttp.Staff, Header + $"{technician},Meera Nair,Master Technician,technician,{traffic.Dealership}\n");

        answer.Counts().Should().Be((1, 0, 0), answer.ToJsonString());
        var after = await _http.GetObjectAsync($"/api/v1/staff/{technician}");
        after["name"]!.GetValue<string>().Should().Be("Meera Nair");
        after["designation"]!.GetValue<string>().Should().Be("Master Technician");
        after["kpiPoints"]!.GetValue<long>().Should().Be(earned["kpiPoints"]!.GetValue<long>());
        after["wallet"]!["available"]!.GetValue<long>().Should().Be(earned["wallet"]!["available"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_rows_are_rejected_one_by_one_naming_their_columns_and_the_corrected_file_imports_only_the_fixes()
    {
        var traffic = new Traffic(_http, "imp-s-bad");
        await traffic.RegisterDealershipAsync();
        var d = traffic.Dealership;
        var bad = new[]
        {
            $"S imp bad 1,Spaces In Id,,technician,{d}",
            $"S-imp-bad-2,,,technician,{d}",
            $"S-imp-bad-3,Bad Role,,mechanic,{d}",
            $"S-imp-bad-4,No Role,Technician,,{d}",
            "S-imp-bad-5,No Such Dealership,,advisor,DLR-never-registered",
            $"S-imp-bad-6,Long Designation,{new string('n', 1_001)},advisor,{d}",
            $"S-imp-bad-7,Short Row,,advisor",
        };
        var fixes = new[]
        {
            $"S-imp-bad-1,Spaces In Id,,technician,{d}",
            $"S-imp-bad-2,Has A Name,,technician,{d}",
            $"S-imp-bad-3,Bad Role,,technician,{d}",
            $"S-imp-bad-4,No Role,Technician,technician,{d}",
            $"S-imp-bad-5,No Such Dealership,,advisor,{d}",
            $"S-imp-bad-6,Long Designation,{new string('n', 1_000)},advisor,{d}",
            $"S-imp-bad-7,Short Row,,advisor,{d}",
        };
        var good = $"S-imp-bad-0,Good One,,support,{d}\n";

        var answer = await _http.ImportAsync(ImportHttp.Staff, Header + good + string.Join('\n', bad) + "\n");
        var rejectedIsAbsent = (await _http.GetAsync("/api/v1/staff/S-imp-bad-5")).StatusCode;
        var corrected = await _http.ImportAsync(ImportHttp.Staff, Header + good + string.Join('\n', fixes) + "\n");

        answer.Counts().Should().Be((1, 0, 7), answer.ToJsonString());
        answer.RejectedColumns().Should().BeEquivalentTo(new Dictionary<int, string[]>
        {
            [1] = ["employeeId"], [2] = ["name"], [3] = ["role"], [4] = ["role"], [5] = ["dealershipId"], [6] = ["designation"], [7] = ["row"],
        });
        answer["rejected"]![0]!["id"]!.GetValue<string>().Should().Be("S imp bad 1", "a rejected row is named by its employeeId as written");
        rejectedIsAbsent.Should().Be(HttpStatusCode.NotFound, "a rejected row registers nothing");
        corrected.Counts().Should().Be((7, 1, 0), corrected.ToJsonString());
        (await _http.GetObjectAsync("/api/v1/staff/S-imp-bad-3"))["role"]!.GetValue<string>().Should().Be("technician");
    }

    [Fact]
    public async Task A_role_and_a_dealership_are_refused_by_the_import_with_the_messages_the_PUT_gives()
    {
        using var badRole = await _http.PutAsJsonAsync("/api/v1/staff/S-imp-same-1", new { name = "Same", role = "mechanic", dealershipId = "DLR-imp-same-none" });
        using var badDealership = await _http.PutAsJsonAsync("/api/v1/staff/S-imp-same-1", new { name = "Same", role = "advisor", dealershipId = "DLR-imp-same-none" });
        var answer = await _http.ImportAsync(ImportHttp.Staff, Header + "S-imp-same-1,Same,,mechanic,DLR-imp-same-none\nS-imp-same-2,Same,,advisor,DLR-imp-same-none\n");

        var errors = answer["rejected"]!.AsArray().Select(r => r!["errors"]!.AsObject()).ToList();
        errors[0]["role"]!.ToJsonString().Should().Be((await badRole.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["role"]!.ToJsonString());
        errors[1]["dealershipId"]!.ToJsonString().Should().Be((await badDealership.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["dealershipId"]!.ToJsonString());
    }

    [Fact]
    public async Task A_member_twice_in_one_upload_is_a_duplicate_when_the_rows_agree_and_rejected_when_they_differ()
    {
        var traffic = new Traffic(_http, "imp-s-rep");
        await traffic.RegisterDealershipAsync();
        var row = $"S-imp-rep-1,Same,,advisor,{traffic.Dealership}\n";

        var answer = await _http.ImportAsync(ImportHttp.Staff, Header + row + row + $"S-imp-rep-1,Same,,technician,{traffic.Dealership}\n");

        answer.Counts().Should().Be((1, 1, 1), answer.ToJsonString());
        answer.RejectedColumns().Should().ContainKey(2).WhoseValue.Should().Equal("employeeId");
        (await _http.GetObjectAsync("/api/v1/staff/S-imp-rep-1"))["role"]!.GetValue<string>().Should().Be("advisor");
    }
}
