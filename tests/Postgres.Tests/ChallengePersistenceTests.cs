using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>The challenge catalogue in the PostgreSQL mode: created through an API node, kept by the silo's storage across restarts.</summary>
[Collection(PostgresCollection.Name)]
public class ChallengePersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task A_challenge_created_through_the_api_outlives_every_process_restarting_and_goes_on_counting()
    {
        var database = await server.CreateDatabaseAsync("challenges");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgchallenge");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(50_000);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5.5)).AddMinutes(-20).DateTime);
        var created = await engine.Http.PostAsJsonAsync("/api/v1/challenges", new
        {
            challengeId = "pg-on-time-2", title = "Two on time", kpi = "on-time", target = 2, points = 400, scope = "dealership", dealershipId = traffic.Dealership,
            from = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, engine.Logs);
        var technician = traffic.Staff("T");
        (await traffic.PostAsync(Visit(traffic, "pgchallenge-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await engine.HoldsAsync(() => engine.Http.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => Count(s) == 1, TimeSpan.FromSeconds(60));

        await engine.RestartAllAsync();

        (await engine.Http.GetObjectAsync("/api/v1/challenges/pg-on-time-2"))["title"]!.GetValue<string>().Should().Be("Two on time");
        (await traffic.PostAsync(Visit(traffic, "pgchallenge-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var after = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["eventsApplied"]?.GetValue<long>() == 2, TimeSpan.FromSeconds(60));
        Count(after).Should().Be(2, engine.Logs);
        after["score"]!.GetValue<long>().Should().Be((2 * 192) + 400, "the count kept across the restart reached the target, paid once");
    }

    private static JsonObject Visit(Traffic traffic, string id)
    {
        var visit = traffic.VisitCompleted(id);
        visit["data"]!["technicianIds"] = new JsonArray(traffic.Staff("T"));
        return visit;
    }

    private static int? Count(JsonObject staff) =>
        staff["challengeProgress"]?.AsArray().SingleOrDefault(c => c!["challengeId"]!.GetValue<string>() == "pg-on-time-2")?["count"]!.GetValue<int>();
}
