using System.Net;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Import;

/// <summary>
/// Text that storage cannot hold (NUL, a lone surrogate) or that no column needs (other C0
/// controls) in a CSV column: the row is rejected naming the column, the other rows are imported,
/// and the next import works.
/// </summary>
[Collection(ImportCollection.Name)]
public class UnstorableTextImportTests(ImportEngine engine)
{
    private const string Dealership = "DLR-import-unstorable";
    private readonly HttpClient _http = engine.CreateClient();

    private static readonly string[] Controls = ["\0", "a\0b", "ring \a", "\u001b[2J", "a\vb", "a\fb", "a\u001fb", "back\bspace"];

    [Fact]
    public async Task A_customer_name_with_a_control_character_is_rejected_naming_name_and_the_good_rows_are_imported()
    {
        await _http.RegisterDealershipAsync(Dealership);
        var rows = Controls.Select((text, i) => $"C-imp-ctl-{i},\"{text}\",{Dealership}");

        var answer = await _http.ImportAsync(ImportHttp.Customers, $"customerId,name,dealershipId\nC-imp-ctl-ok,\"Tab\tand\r\nnew line\",{Dealership}\n{string.Join('\n', rows)}\n");

        answer.Counts().Should().Be((1, 0, Controls.Length), answer.ToJsonString());
        answer.RejectedColumns().Values.Should().AllBeEquivalentTo(new[] { "name" });
        (await _http.GetAsync("/api/v1/customers/C-imp-ctl-0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.ImportAsync(ImportHttp.Customers, $"customerId,name,dealershipId\nC-imp-ctl-next,Next,{Dealership}\n")).Counts().Should().Be((1, 0, 0));
    }

    [Fact]
    public async Task An_opening_balance_reference_with_a_control_character_is_rejected_naming_reference_and_moves_nothing()
    {
        await _http.RegisterDealershipAsync(Dealership);
        var customers = Enumerable.Range(0, Controls.Length + 1).Select(i => $"C-open-ctl-{i},Customer,{Dealership}");
        await _http.ImportAsync(ImportHttp.Customers, $"customerId,name,dealershipId\n{string.Join('\n', customers)}\n");
        await _http.MintAsync(10_000, "mint-open-ctl");
        var rows = Controls.Select((text, i) => $"C-open-ctl-{i},100,,\"{text}\"");

        var answer = await _http.ImportAsync(ImportHttp.OpeningBalances, $"customerId,points,expiresAt,reference\n{string.Join('\n', rows)}\n");
        var next = await _http.ImportAsync(ImportHttp.OpeningBalances, $"customerId,points,expiresAt,reference\nC-open-ctl-{Controls.Length},100,,VCH-1\n");

        answer.Counts().Should().Be((0, 0, Controls.Length), answer.ToJsonString());
        answer.RejectedColumns().Values.Should().AllBeEquivalentTo(new[] { "reference" });
        (await _http.AvailableAsync("/api/v1/customers/C-open-ctl-0")).Should().Be(0);
        next.Counts().Should().Be((1, 0, 0), next.ToJsonString());
        await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_dealership_city_or_a_staff_designation_with_a_control_character_is_rejected_naming_its_column()
    {
        await _http.RegisterDealershipAsync(Dealership);
        var dealerships = Controls.Select((text, i) => $"DLR-imp-ctl-{i},Pitstop,\"{text}\",MH,west");
        var staff = Controls.Select((text, i) => $"S-imp-ctl-{i},Ravi,\"{text}\",technician,{Dealership}");

        var dealershipAnswer = await _http.ImportAsync(ImportHttp.Dealerships, $"dealershipId,name,city,state,region\n{string.Join('\n', dealerships)}\n");
        var staffAnswer = await _http.ImportAsync(ImportHttp.Staff, $"employeeId,name,designation,role,dealershipId\n{string.Join('\n', staff)}\n");

        dealershipAnswer.Counts().Should().Be((0, 0, Controls.Length), dealershipAnswer.ToJsonString());
        dealershipAnswer.RejectedColumns().Values.Should().AllBeEquivalentTo(new[] { "city" });
        staffAnswer.Counts().Should().Be((0, 0, Controls.Length), staffAnswer.ToJsonString());
        staffAnswer.RejectedColumns().Values.Should().AllBeEquivalentTo(new[] { "designation" });
        (await _http.GetAsync("/api/v1/staff/S-imp-ctl-0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_surrogate_encoded_in_UTF8_bytes_is_400_naming_the_body()
    {
        using var response = await _http.PostAsync(ImportHttp.Customers, new ByteArrayContent([.. "customerId,name,dealershipId\nC-imp-sur-1,"u8.ToArray(), 0xED, 0xA0, 0x80, .. ","u8.ToArray(), .. "DLR-x\n"u8.ToArray()])
        {
            Headers = { { "Content-Type", "text/csv" } },
        });

        await ProblemChecks.ShouldBeProblemAsync(response, "import of an encoded surrogate", HttpStatusCode.BadRequest, ownType: true, ["body"]);
        (await _http.GetAsync("/api/v1/customers/C-imp-sur-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
