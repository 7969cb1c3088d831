using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>Program versions in the PostgreSQL mode: stored through an API node, kept by the reference storage across restarts, judging events after.</summary>
[Collection(PostgresCollection.Name)]
public class ProgramVersionPersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task A_stored_version_outlives_every_process_restarting_and_judges_the_events_of_its_time()
    {
        var database = await server.CreateDatabaseAsync("versions");
        await using var engine = new PostgresEngine(database, silos: 1);
        // The program clock an hour behind real time: a version starts minutes ahead of the program
        // clock, further than the intake takes events ahead of real time.
        engine.SiloSettings["Program__ClockOffset"] = "-01:00:00";
        engine.ApiSettings["Program__ClockOffset"] = "-01:00:00";
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgversion");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var from = DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(7);
        var body = await engine.Http.GetObjectAsync("/api/v1/program");
        body["customerEarning"]!["accessoryShare"] = 0.10m;
        body["effectiveFrom"] = Time(from);
        var stored = await engine.Http.PutAsJsonAsync("/api/v1/program", body);
        stored.StatusCode.Should().Be(HttpStatusCode.Created, await stored.Content.ReadAsStringAsync() + engine.Logs);

        await engine.RestartAllAsync();

        var versions = (await engine.Http.GetFromJsonAsync<JsonArray>("/api/v1/program/versions"))!;
        versions.Select(v => v!["version"]!.GetValue<int>()).Should().Equal(1, 2);
        (await traffic.PostAsync(Sale(traffic, "after", 1, from.AddSeconds(5)), Sale(traffic, "before", 2, from.AddMinutes(-2)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await Earned(engine, traffic, 1)).Should().Be(1_000, "version 2, kept across the restart, judges the sale after its start");
        (await Earned(engine, traffic, 2)).Should().Be(500, engine.Logs);
        var ledger = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync(traffic.CustomerPath(1) + "/ledger"), l => l["items"]?.AsArray().Count > 0, TimeSpan.FromSeconds(60));
        var explanation = ledger["items"]![0]!["explanation"]!;
        explanation["rule"]!.GetValue<string>().Should().Be("accessory", "the journal's columns keep the explanation");
        explanation["programVersion"]!.GetValue<int>().Should().Be(2);
        explanation["inputs"]!["share"]!.GetValue<string>().Should().Be("0.1");
    }

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static JsonObject Sale(Traffic traffic, string id, int customer, DateTimeOffset at)
    {
        var sale = traffic.Accessory(id, 10_000m, customer);
        sale["occurredAt"] = Time(at);
        return sale;
    }

    private static async Task<long> Earned(PostgresEngine engine, Traffic traffic, int customer) =>
        (await engine.HoldsAsync(() => engine.Http.GetObjectOrEmptyAsync(traffic.CustomerPath(customer)), c => c["eventsApplied"]?.GetValue<long>() >= 1, TimeSpan.FromSeconds(60)))
            ["balance"]!["available"]!.GetValue<long>();
}
