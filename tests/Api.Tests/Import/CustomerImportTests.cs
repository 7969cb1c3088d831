using System.Net;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Import;

/// <summary><c>POST /api/v1/import/customers</c>: profiles, home dealerships and first contracts from the earlier system.</summary>
[Collection(ImportCollection.Name)]
public class CustomerImportTests(ImportEngine engine)
{
    private const string Dealership = "DLR-import-cust";
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Imported_customers_show_their_profile_and_home_dealership_and_the_same_file_again_is_all_duplicates()
    {
        await _http.RegisterDealershipAsync(Dealership);
        var csv = $"""
            customerId,name,dealershipId,preferences,reviewDate,firstContractAt,legacyCode
            C-imp-1,"Rao, Asha",{Dealership},dining;wellness,2027-03-01,2019-04-01,X1
            C-imp-2,Ravi Kumar,{Dealership},,,2020-06-15T10:30:00+05:30,X2
            C-imp-3,Meera,{Dealership},lifestyle,,,X3
            """;

        var first = await _http.ImportAsync(ImportHttp.Customers, csv);
        var again = await _http.ImportAsync(ImportHttp.Customers, csv);

        first.Counts().Should().Be((3, 0, 0), first.ToJsonString());
        again.Counts().Should().Be((0, 3, 0), "an identical row changes nothing");
        var asha = await _http.GetObjectAsync("/api/v1/customers/C-imp-1");
        asha["homeDealershipId"]!.GetValue<string>().Should().Be(Dealership);
        asha["profile"]!["name"]!.GetValue<string>().Should().Be("Rao, Asha");
        asha["profile"]!["preferences"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("dining", "wellness");
        asha["profile"]!["reviewDate"]!.GetValue<string>().Should().Be("2027-03-01");
        asha["balance"]!["available"]!.GetValue<long>().Should().Be(0);
        (await _http.GetObjectAsync("/api/v1/customers/C-imp-2"))["profile"]!["preferences"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_changed_row_updates_its_customer_and_only_it_is_accepted()
    {
        await _http.RegisterDealershipAsync(Dealership);
        const string header = "customerId,name,dealershipId\n";
        await _http.ImportAsync(ImportHttp.Customers, header + $"C-imp-chg-1,Anil,{Dealership}\nC-imp-chg-2,Bina,{Dealership}\n");

        var answer = await _http.ImportAsync(ImportHttp.Customers, header + $"C-imp-chg-1,Anil Rao,{Dealership}\nC-imp-chg-2,Bina,{Dealership}\n");

        answer.Counts().Should().Be((1, 1, 0));
        (await _http.GetObjectAsync("/api/v1/customers/C-imp-chg-1"))["profile"]!["name"]!.GetValue<string>().Should().Be("Anil Rao");
    }

    [Fact]
    public async Task Bad_rows_are_rejected_one_by_one_naming_their_columns_the_good_ones_are_imported_and_the_corrected_file_imports_only_the_fixes()
    {
        await _http.RegisterDealershipAsync(Dealership);
        const string header = "customerId,name,dealershipId,preferences,reviewDate,firstContractAt\n";
        var future = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var good = $"C-imp-bad-0,Good One,{Dealership},,,\n";
        var bad = new[]
        {
            $"C imp bad 1,Spaces In Id,{Dealership},,,",
            $"C-imp-bad-2,,{Dealership},,,",
            "C-imp-bad-3,No Such Dealership,DLR-never-registered,,,",
            $"C-imp-bad-4,Bad Choice,{Dealership},dining;golf,,",
            $"C-imp-bad-5,Bad Date,{Dealership},,2027-02-30,",
            $"C-imp-bad-6,Future Contract,{Dealership},,,{future}",
            $"C-imp-bad-7,{new string('n', 201)},{Dealership},,,",
            $"C-imp-bad-8,Short Row,{Dealership}",
            $"C-imp-bad-9,Twice,{Dealership},dining;dining,,",
        };
        var fixes = new[]
        {
            $"C-imp-bad-1,Spaces In Id,{Dealership},,,",
            $"C-imp-bad-2,Has A Name,{Dealership},,,",
            $"C-imp-bad-3,No Such Dealership,{Dealership},,,",
            $"C-imp-bad-4,Bad Choice,{Dealership},dining;adventure,,",
            $"C-imp-bad-5,Bad Date,{Dealership},,2027-02-28,",
            $"C-imp-bad-6,Future Contract,{Dealership},,,2021-01-01",
            $"C-imp-bad-7,{new string('n', 200)},{Dealership},,,",
            $"C-imp-bad-8,Short Row,{Dealership},,,",
            $"C-imp-bad-9,Twice,{Dealership},dining,,",
        };

        var answer = await _http.ImportAsync(ImportHttp.Customers, header + good + string.Join('\n', bad) + "\n");
        var corrected = await _http.ImportAsync(ImportHttp.Customers, header + good + string.Join('\n', fixes) + "\n");

        answer.Counts().Should().Be((1, 0, 9), answer.ToJsonString());
        answer.RejectedColumns().Should().BeEquivalentTo(new Dictionary<int, string[]>
        {
            [1] = ["customerId"], [2] = ["name"], [3] = ["dealershipId"], [4] = ["preferences"], [5] = ["reviewDate"],
            [6] = ["firstContractAt"], [7] = ["name"], [8] = ["row"], [9] = ["preferences"],
        });
        answer["rejected"]![0]!["id"]!.GetValue<string>().Should().Be("C imp bad 1", "a rejected row is named by its customerId as written");
        corrected.Counts().Should().Be((9, 1, 0), corrected.ToJsonString());
        (await _http.GetAsync("/api/v1/customers/C-imp-bad-3")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_customer_twice_in_one_upload_is_a_duplicate_when_the_rows_agree_and_rejected_when_they_differ()
    {
        await _http.RegisterDealershipAsync(Dealership);
        var csv = $"customerId,name,dealershipId\nC-imp-rep-1,Same,{Dealership}\nC-imp-rep-1,Same,{Dealership}\nC-imp-rep-1,Other,{Dealership}\n";

        var answer = await _http.ImportAsync(ImportHttp.Customers, csv);

        answer.Counts().Should().Be((1, 1, 1));
        answer.RejectedColumns().Should().ContainKey(2).WhoseValue.Should().Equal("customerId");
        (await _http.GetObjectAsync("/api/v1/customers/C-imp-rep-1"))["profile"]!["name"]!.GetValue<string>().Should().Be("Same");
    }
}
