using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// Read-your-writes in the PostgreSQL mode: what a waiting intake request learns lives in the
/// cluster, so an answer from one API node holds for reads through another, and posting the
/// batch again through another node answers for it too.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ReadYourWritesTests(PostgresServer server)
{
    [Fact]
    public async Task A_batch_that_waits_on_one_API_node_is_applied_for_reads_through_another_at_once()
    {
        var database = await server.CreateDatabaseAsync("ryw");
        await using var engine = new PostgresEngine(database, silos: 1, apis: 2);
        await engine.StartAsync();
        var traffic = new Traffic(engine.ApiNodes[0], "ryw");
        await traffic.RegisterDealershipAsync();

        for (var visit = 1; visit <= 3; visit++)
        {
            var (writer, reader) = (engine.ApiNodes[visit % 2], engine.ApiNodes[(visit + 1) % 2]);

            var answer = await PostWaitingAsync(writer, traffic.VisitCompleted($"ryw-{visit}"));

            answer["accepted"]!.GetValue<int>().Should().Be(1);
            answer["applied"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString() + engine.Logs);
            var customer = await reader.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{traffic.Customer()}");
            customer!["eventsApplied"]!.GetValue<int>().Should().Be(visit, "read through the other node right after the answer");
            customer["balance"]!["pending"]!.GetValue<long>().Should().Be(500 * visit);
        }

        var again = await PostWaitingAsync(engine.ApiNodes[0], traffic.VisitCompleted("ryw-1"));
        again["duplicates"]!.GetValue<int>().Should().Be(1);
        again["applied"]!.GetValue<bool>().Should().BeTrue("the other node's wait is known to the cluster: " + again.ToJsonString());
    }

    private static async Task<JsonObject> PostWaitingAsync(HttpClient node, JsonNode e)
    {
        var response = await node.PostAsJsonAsync("/api/v1/events?wait=applied", new JsonObject { ["events"] = new JsonArray(e) });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
