using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>A reversal is checked against its original in the durable idempotency record (issue 20, item 6).</summary>
[Collection(PostgresCollection.Name)]
public class ReversalPersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task Of_50_reversals_of_one_event_posted_at_once_exactly_one_is_accepted_and_a_misfiled_one_claims_nothing()
    {
        var database = await server.CreateDatabaseAsync("reversal");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgrev");
        var elsewhere = new Traffic(engine.Http, "pgrevka");
        await traffic.RegisterDealershipAsync("MH");
        await elsewhere.RegisterDealershipAsync("KA");
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("pgrev-1"), traffic.CustomerOnlyVisit("pgrev-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var misfiled = await AnswerAsync(elsewhere.PostAsync(Reversal(elsewhere, "pgrev-undo-ka", "pgrev-1")));
        var answers = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => AnswerAsync(traffic.PostAsync(Reversal(traffic, $"pgrev-undo-{i}", "pgrev-1")))));

        misfiled["accepted"]!.GetValue<int>().Should().Be(0);
        misfiled["rejected"]!.AsArray().Should().ContainSingle().Which!["errors"]!.AsObject().Should().ContainKey("dealershipId");
        answers.Sum(a => a["accepted"]!.GetValue<int>()).Should().Be(1, engine.Logs);
        answers.Sum(a => a["rejected"]!.AsArray().Count).Should().Be(49);
        await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer()}"),
            c => c["balance"]?["pending"]?.GetValue<long>() == 500,
            TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task An_event_accepted_before_dealerships_were_recorded_can_still_be_reversed()
    {
        var database = await server.CreateDatabaseAsync("reversalold");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgrevold");
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("pgrevold-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await using var forget = dataSource.CreateCommand("UPDATE pitstop_event_key SET dealership_id = NULL WHERE source = 'dms' AND id = 'pgrevold-1'");
            (await forget.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var answer = await AnswerAsync(traffic.PostAsync(Reversal(traffic, "pgrevold-undo", "pgrevold-1")));

        answer["accepted"]!.GetValue<int>().Should().Be(1, "a row written before the dealership column has nothing to check against");
    }

    private static JsonObject Reversal(Traffic traffic, string id, string originalId) =>
        traffic.Event(id, "transaction.reversed", new JsonObject { ["originalSource"] = "dms", ["originalId"] = originalId, ["reason"] = "invoice cancelled" });

    private static async Task<JsonObject> AnswerAsync(Task<HttpResponseMessage> post)
    {
        using var response = await post;
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
