using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// Text PostgreSQL cannot store is refused at the door (issue 20, item 1): before, a NUL in a
/// mint's reason answered 500 and every later mint and top-up failed with it.
/// </summary>
[Collection(PostgresCollection.Name)]
public class StorableTextTests(PostgresServer server)
{
    [Fact]
    public async Task A_mint_and_a_top_up_with_a_NUL_in_the_reason_are_400_naming_it_and_the_pool_and_budget_work_on_balanced()
    {
        var database = await server.CreateDatabaseAsync("nul");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgnul");
        await traffic.RegisterDealershipAsync();
        var topUpPath = $"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups";

        using var mint = await PostRawAsync(engine.Http, "/api/v1/pool/mint", """{"points":100,"reason":"a\u0000b","idempotencyKey":"pgnul-mint-bad"}""");
        using var topUp = await PostRawAsync(engine.Http, topUpPath, """{"points":100,"reason":"\u0000","idempotencyKey":"pgnul-top-up-bad"}""");

        foreach (var response in new[] { mint, topUp })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, engine.Logs);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Should().ContainKey("reason");
        }

        await traffic.FundBudgetAsync(1_000);
        (await engine.Http.GetFromJsonAsync<JsonObject>($"/api/v1/dealerships/{traffic.Dealership}/budget"))!["available"]!.GetValue<long>().Should().Be(1_000);
        var audit = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync("/api/v1/admin/audit"),
            a => a["balanced"]?.GetValue<bool>() == true,
            TimeSpan.FromSeconds(60));
        audit["journalMatchesGrains"]!.GetValue<bool>().Should().BeTrue();
        audit["minted"]!.GetValue<long>().Should().Be(1_000, "only the normal mint moved points");
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
