using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class PostgresModeTests(PostgresServer server)
{
    [Fact]
    public async Task Events_flow_through_the_PostgreSQL_queue_and_balances_survive_a_restart_of_every_process()
    {
        var database = await server.CreateDatabaseAsync("mode");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pg");
        await traffic.RegisterDealershipAsync();

        var answer = await (await traffic.PostAsync(traffic.VisitCompleted("pg-1"), traffic.VisitCompleted("pg-2"), traffic.VisitCompleted("pg-1")))
            .Content.ReadFromJsonAsync<JsonObject>();
        answer!["accepted"]!.GetValue<int>().Should().Be(2);
        await CustomerAsync(engine, traffic, applied: 2);

        await engine.RestartAllAsync();

        var customer = await engine.Http.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{traffic.Customer()}");
        customer!["balance"]!["pending"]!.GetValue<long>().Should().Be(1_000, engine.Logs);
        var technician = await engine.Http.GetFromJsonAsync<JsonObject>($"/api/v1/staff/{traffic.Staff("T", 1)}");
        technician!["kpiPoints"]!.GetValue<long>().Should().Be(2 * 192);
        var again = await (await traffic.PostAsync(traffic.VisitCompleted("pg-1"), traffic.VisitCompleted("pg-3"))).Content.ReadFromJsonAsync<JsonObject>();
        again!["duplicates"]!.GetValue<int>().Should().Be(1, "the idempotency record outlives every process");
        again["accepted"]!.GetValue<int>().Should().Be(1);
        customer = await CustomerAsync(engine, traffic, applied: 3);
        customer["balance"]!["pending"]!.GetValue<long>().Should().Be(1_500);
        (await engine.HoldsAsync(() => QueueDepthAsync(database), depth => depth == 0, TimeSpan.FromSeconds(60)))
            .Should().Be(0, "every delivered message is deleted from the queue");
    }

    [Fact]
    public async Task A_dealership_registered_once_stays_registered_across_restarts()
    {
        var database = await server.CreateDatabaseAsync("dealer");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "reg");
        await traffic.RegisterDealershipAsync();

        await engine.RestartAllAsync();

        (await engine.Http.GetAsync($"/api/v1/dealerships/{traffic.Dealership}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await (await traffic.PostAsync(traffic.VisitCompleted("reg-1"))).Content.ReadFromJsonAsync<JsonObject>();
        answer!["accepted"]!.GetValue<int>().Should().Be(1);
    }

    private static Task<JsonObject> CustomerAsync(PostgresEngine engine, Traffic traffic, int applied) =>
        engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer()}"),
            c => c["eventsApplied"]?.GetValue<long>() == applied,
            TimeSpan.FromSeconds(60));

    internal static async Task<long> QueueDepthAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pitstop_event_queue");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
