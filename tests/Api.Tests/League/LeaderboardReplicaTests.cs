using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Pitstop.Api.League;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>An engine whose league queries are answered by replicas of the default age, as in production.</summary>
public sealed class ReplicaEngine : EmbeddedEngine
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:League:ReplicaMaxAge", new LeagueReadOptions().ReplicaMaxAge.ToString());
    }
}

/// <summary>The API answers league queries from its replicas of the boards, which follow every change.</summary>
public class LeaderboardReplicaTests(ReplicaEngine engine) : IClassFixture<ReplicaEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_board_already_read_shows_each_later_change_on_every_scope()
    {
        var traffic = new Traffic(_http, "replica");
        await traffic.RegisterDealershipAsync("GA");
        await traffic.FundBudgetAsync(100_000);
        var boards = new[] { $"scope=dealership:{traffic.Dealership}", "scope=state:GA", "scope=national" }
            .Select(scope => $"/api/v1/leaderboards/technician?{scope}&around={traffic.Staff("T", 1)}&radius=0").ToList();
        var staff = $"/api/v1/staff/{traffic.Staff("T", 1)}";

        // Late, so 80 + 30 = 110 a visit; each board is read before each change, so that its replica has to follow.
        for (var visit = 1; visit <= 3; visit++)
        {
            foreach (var board in boards)
            {
                await _http.GetObjectAsync(board);
            }

            var late = traffic.VisitCompleted($"replica-{visit}", onTime: false);
            late["data"]!["technicianIds"] = new JsonArray(traffic.Staff("T", 1));
            (await traffic.PostAsync(late)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            var expected = 110L * visit;
            await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync(staff), s => s["score"]?.GetValue<long>() == expected);

            foreach (var board in boards)
            {
                var shown = await Eventually.HoldsAsync(
                    () => _http.GetObjectAsync(board), b => b["entries"]!.AsArray().Count == 1 && b["entries"]![0]!["score"]!.GetValue<long>() == expected);
                shown["entries"]![0]!["rank"]!.GetValue<int>().Should().Be(1);
            }
        }
    }
}
