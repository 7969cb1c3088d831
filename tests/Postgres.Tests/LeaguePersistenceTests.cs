using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class LeaguePersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task Leaderboards_hold_their_ranks_after_every_process_restarts()
    {
        var database = await server.CreateDatabaseAsync("league");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgleague");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(50_000);
        var late = traffic.VisitCompleted("pgleague-2", onTime: false);
        late["data"]!["technicianIds"] = new JsonArray(traffic.Staff("T", 3));
        (await traffic.PostAsync(traffic.VisitCompleted("pgleague-1"), late)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = $"/api/v1/leaderboards/technician?scope=dealership:{traffic.Dealership}";
        var before = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync(path), b => b["members"]?.GetValue<int>() == 3, TimeSpan.FromSeconds(60));

        await engine.RestartAllAsync();

        var after = await engine.Http.GetObjectAsync(path);
        after["entries"]!.ToJsonString().Should().Be(before["entries"]!.ToJsonString(), engine.Logs);
        after["entries"]![2]!["rank"]!.GetValue<int>().Should().Be(3);
        var national = await engine.Http.GetObjectAsync("/api/v1/leaderboards/technician");
        national["members"]!.GetValue<int>().Should().Be(3);
    }
}
