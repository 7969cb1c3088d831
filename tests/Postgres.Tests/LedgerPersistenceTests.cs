using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class LedgerPersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task Wallets_redemptions_and_the_journal_survive_a_restart_of_every_process_and_still_balance()
    {
        var database = await server.CreateDatabaseAsync("ledger");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgledger");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(50_000);
        (await engine.Http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-pg-mug", new { name = "Mug", category = "lifestyle", pointsCost = 300, stock = 5 }))
            .EnsureSuccessStatusCode();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("pgledger-1"), traffic.CustomerOnlyVisit("pgledger-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await engine.HoldsAsync(() => engine.Http.AvailableAsync(customerPath), available => available == 1_000, TimeSpan.FromSeconds(60));
        var placed = await engine.Http.PostAsJsonAsync(customerPath + "/redemptions", new { itemId = "ITEM-pg-mug", quantity = 1, idempotencyKey = "mug-1" });
        placed.StatusCode.Should().Be(HttpStatusCode.Created);
        var redemptionId = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();

        await engine.RestartAllAsync();

        (await engine.Http.AvailableAsync(customerPath)).Should().Be(700, engine.Logs);
        var first = (await engine.Http.GetFromJsonAsync<JsonObject>(customerPath + "/ledger?limit=2"))!;
        var second = (await engine.Http.GetFromJsonAsync<JsonObject>($"{customerPath}/ledger?limit=2&cursor={first["next"]!.GetValue<string>()}"))!;
        first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(l => (l!["kind"]!.GetValue<string>(), l["points"]!.GetValue<long>()))
            .Should().Equal(("redemption", -300L), ("award", 500L), ("award", 500L));
        second["next"].Should().BeNull();

        (await engine.Http.PostAsync($"/api/v1/redemptions/{redemptionId}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK, "the redemption outlived the restart");
        (await engine.Http.AvailableAsync(customerPath)).Should().Be(1_000);
        var catalog = (await engine.Http.GetFromJsonAsync<JsonArray>("/api/v1/catalog"))!;
        catalog.Single()!["stock"]!.GetValue<int>().Should().Be(5);

        var audit = await engine.HoldsAsync(
            () => engine.Http.GetFromJsonAsync<JsonObject>("/api/v1/admin/audit")!, a => a!["balanced"]!.GetValue<bool>(), TimeSpan.FromSeconds(30));
        audit!["walletsAvailable"]!.GetValue<long>().Should().Be(1_000);
        audit["budgets"]!.GetValue<long>().Should().Be(49_000);
        audit["redeemed"]!.GetValue<long>().Should().Be(0);

        // The budget's month, summed from the journal table per day of the program's time zone.
        var burn = (await engine.Http.GetFromJsonAsync<JsonObject>($"/api/v1/dealerships/{traffic.Dealership}/budget/burn"))!;
        (burn["spent"]!.GetValue<long>(), burn["toppedUp"]!.GetValue<long>()).Should().Be((1_000L, 50_000L));
        burn["days"]!.AsArray().Where(d => d!["spent"]!.GetValue<long>() > 0).Should().ContainSingle();
    }
}
