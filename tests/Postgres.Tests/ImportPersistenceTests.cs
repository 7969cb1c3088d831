using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class ImportPersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task Imported_customers_and_opening_balances_survive_a_restart_and_the_same_files_again_are_duplicates()
    {
        var database = await server.CreateDatabaseAsync("import");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgimport");
        await traffic.RegisterDealershipAsync();
        (await engine.Http.PostAsJsonAsync("/api/v1/pool/mint", new { points = 20_000, reason = "migration", idempotencyKey = "pg-import-mint" }))
            .EnsureSuccessStatusCode();
        var customers = $"customerId,name,dealershipId,preferences\nC-pgimp-1,\"Rao, Asha\",{traffic.Dealership},dining\nC-pgimp-2,Ravi,{traffic.Dealership},\n";
        const string balances = "customerId,points,reference\nC-pgimp-1,12000,VCH-1\nC-pgimp-2,3000,VCH-2\n";
        (await ImportAsync(engine, "customers", customers))["accepted"]!.GetValue<int>().Should().Be(2);
        (await ImportAsync(engine, "opening-balances", balances))["accepted"]!.GetValue<int>().Should().Be(2);

        await engine.RestartAllAsync();

        var asha = (await engine.Http.GetFromJsonAsync<JsonObject>("/api/v1/customers/C-pgimp-1"))!;
        asha["balance"]!["available"]!.GetValue<long>().Should().Be(12_000, engine.Logs);
        asha["profile"]!["name"]!.GetValue<string>().Should().Be("Rao, Asha");
        var ledger = (await engine.Http.GetFromJsonAsync<JsonObject>("/api/v1/customers/C-pgimp-1/ledger"))!["items"]!.AsArray();
        ledger.Select(l => (l!["kind"]!.GetValue<string>(), l["points"]!.GetValue<long>(), l["note"]!.GetValue<string>()))
            .Should().Equal(("opening-balance", 12_000L, "VCH-1"));
        (await ImportAsync(engine, "customers", customers))["duplicates"]!.GetValue<int>().Should().Be(2, "the customers remember the rows they took");
        (await ImportAsync(engine, "opening-balances", balances))["duplicates"]!.GetValue<int>().Should().Be(2, "a customer has one opening balance, ever");
        (await engine.Http.AvailableAsync("/api/v1/customers/C-pgimp-2")).Should().Be(3_000);
        var audit = await engine.HoldsAsync(
            () => engine.Http.GetFromJsonAsync<JsonObject>("/api/v1/admin/audit")!, a => a!["balanced"]!.GetValue<bool>(), TimeSpan.FromSeconds(30));
        audit!["pool"]!.GetValue<long>().Should().Be(5_000);
        audit["walletsAvailable"]!.GetValue<long>().Should().Be(15_000);
    }

    private static async Task<JsonObject> ImportAsync(PostgresEngine engine, string kind, string csv)
    {
        using var response = await engine.Http.PostAsync($"/api/v1/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
