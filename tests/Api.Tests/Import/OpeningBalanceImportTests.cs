using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Import;

/// <summary><c>POST /api/v1/import/opening-balances</c>: balances funded from the brand pool, once per customer, audited.</summary>
[Collection(ImportCollection.Name)]
public class OpeningBalanceImportTests(ImportEngine engine)
{
    private const string Dealership = "DLR-import-open";
    private readonly HttpClient _http = engine.CreateClient();

    private async Task CustomersAsync(params string[] customerIds)
    {
        await _http.RegisterDealershipAsync(Dealership);
        var rows = string.Join('\n', customerIds.Select(id => $"{id},Customer {id},{Dealership}"));
        await _http.ImportAsync(ImportHttp.Customers, $"customerId,name,dealershipId\n{rows}\n");
    }

    [Fact]
    public async Task Opening_balances_leave_the_pool_for_the_wallets_show_in_balance_and_ledger_and_the_audit_balances()
    {
        await CustomersAsync("C-open-1", "C-open-2");
        await _http.MintAsync(100_000, "mint-open-1");
        var poolBefore = await _http.PoolAvailableAsync();
        var expiresOn = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = $"customerId,points,expiresAt,reference\nC-open-1,12000,{expiresOn},VCH-0042\nC-open-2,3000,,\n";

        var answer = await _http.ImportAsync(ImportHttp.OpeningBalances, csv);

        answer.Counts().Should().Be((2, 0, 0), answer.ToJsonString());
        var customer = await _http.GetObjectAsync("/api/v1/customers/C-open-1");
        customer["balance"]!["available"]!.GetValue<long>().Should().Be(12_000);
        customer["expiringSoon"]![0]!["points"]!.GetValue<long>().Should().Be(12_000, "a lot expiring on the date given");
        (await _http.AvailableAsync("/api/v1/customers/C-open-2")).Should().Be(3_000);
        var line = (await _http.GetFromJsonAsync<JsonObject>("/api/v1/customers/C-open-1/ledger"))!["items"]![0]!;
        (line["kind"]!.GetValue<string>(), line["points"]!.GetValue<long>(), line["note"]!.GetValue<string>(), line["dealershipId"]!.GetValue<string>())
            .Should().Be(("opening-balance", 12_000L, "VCH-0042", Dealership));
        (await _http.PoolAvailableAsync()).Should().Be(poolBefore - 15_000);
        var audit = await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>());
        audit["journalMatchesGrains"]!.GetValue<bool>().Should().BeTrue();
        audit["pool"]!.GetValue<long>().Should().Be(poolBefore - 15_000);
    }

    [Fact]
    public async Task The_same_file_again_is_all_duplicates_and_moves_nothing()
    {
        await CustomersAsync("C-open-again-1", "C-open-again-2");
        await _http.MintAsync(50_000, "mint-open-again");
        const string csv = "customerId,points\nC-open-again-1,1000\nC-open-again-2,2000\n";
        await _http.ImportAsync(ImportHttp.OpeningBalances, csv);
        var poolBefore = await _http.PoolAvailableAsync();

        var again = await _http.ImportAsync(ImportHttp.OpeningBalances, csv);

        again.Counts().Should().Be((0, 2, 0));
        (await _http.PoolAvailableAsync()).Should().Be(poolBefore);
        (await _http.AvailableAsync("/api/v1/customers/C-open-again-2")).Should().Be(2_000);
        (await _http.GetFromJsonAsync<JsonObject>("/api/v1/customers/C-open-again-2/ledger"))!["items"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Bad_rows_unknown_customers_and_a_second_balance_are_rejected_and_the_good_rows_are_imported()
    {
        await CustomersAsync("C-open-bad-0", "C-open-bad-1", "C-open-bad-2", "C-open-bad-3", "C-open-bad-4", "C-open-bad-5", "C-open-bad-6");
        await _http.MintAsync(50_000, "mint-open-bad");
        await _http.ImportAsync(ImportHttp.OpeningBalances, "customerId,points\nC-open-bad-6,500\n");
        var yesterday = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tooLate = DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = $"""
            customerId,points,expiresAt,reference
            C-open-bad-0,100,,
            C-open-bad-1,0,,
            C-open-bad-2,1.5,,
            C-open-bad-3,100000001,,
            C-open-bad-4,100,{yesterday},
            C-open-bad-5,100,{tooLate},{new string('r', 201)}
            C-open-bad-6,700,,
            C-open-never-imported,100,,
            """;

        var answer = await _http.ImportAsync(ImportHttp.OpeningBalances, csv);

        answer.Counts().Should().Be((1, 0, 7), answer.ToJsonString());
        answer.RejectedColumns().Should().BeEquivalentTo(new Dictionary<int, string[]>
        {
            [1] = ["points"], [2] = ["points"], [3] = ["points"], [4] = ["expiresAt"], [5] = ["expiresAt", "reference"], [6] = ["points"], [7] = ["customerId"],
        });
        var unknown = answer["rejected"]!.AsArray().Single(r => r!["index"]!.GetValue<int>() == 7)!;
        unknown["errors"]!["customerId"]![0]!.GetValue<string>().Should().Be("unknown customer; import customers first");
        (await _http.AvailableAsync("/api/v1/customers/C-open-bad-6")).Should().Be(500, "a customer has one opening balance, ever");
        (await _http.AvailableAsync("/api/v1/customers/C-open-bad-0")).Should().Be(100);
    }

    [Fact]
    public async Task A_balance_the_pool_cannot_cover_is_rejected_naming_points_and_moves_nothing()
    {
        await CustomersAsync("C-open-short-1", "C-open-short-2");
        var pool = await _http.PoolAvailableAsync();
        pool.Should().BeLessThan(99_000_000, "this engine's tests mint little");

        var answer = await _http.ImportAsync(ImportHttp.OpeningBalances, $"customerId,points\nC-open-short-1,{pool + 1}\n");

        answer.Counts().Should().Be((0, 0, 1));
        answer.RejectedColumns()[0].Should().Equal("points");
        (await _http.PoolAvailableAsync()).Should().Be(pool);
        (await _http.AvailableAsync("/api/v1/customers/C-open-short-1")).Should().Be(0);
        (await _http.GetFromJsonAsync<JsonObject>("/api/v1/customers/C-open-short-1/ledger"))!["items"]!.AsArray().Should().BeEmpty();

        await _http.MintAsync(pool + 1, "mint-open-short");
        var retried = await _http.ImportAsync(ImportHttp.OpeningBalances, $"customerId,points\nC-open-short-1,{pool + 1}\n");
        retried.Counts().Should().Be((1, 0, 0), "a refused row is imported once the pool is minted");
    }
}
