using System.Text.Json.Nodes;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>An engine started on a database written by an earlier version carries on from it.</summary>
[Collection(PostgresCollection.Name)]
public class UpgradeTests(PostgresServer server)
{
    // A dealership state written at commit 8b1e8cf, when the dealership still counted its own events:
    // 5 visits completed (the payload of tests/Rules.Tests/Compatibility/EarlierStatesTests.cs).
    private const string DealershipCountingItself =
        "ICAgAQOBJ4nsMpiU+fUAlBIF4OABFegg6EAnUGl0c3RvcCBLb3JhbWFuZ2FsYUETQmVuZ2FsdXJ1QQVLQUELc291dGjgITABMSzULh1TdHJpbmdDb21wYXJlcgADAQHgAQNBL3NlcnZpY2UudmlzaXQuY29tcGxldGVkABXg4A==";

    [Fact]
    public async Task A_dealership_that_counted_its_own_events_keeps_its_totals_when_its_months_count_the_next_ones()
    {
        var database = await server.CreateDatabaseAsync("upgrade");
        await new SchemaMigration(database).ApplyAsync();
        await using (var dataSource = NpgsqlDataSource.Create(database))
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO pitstop_grain_state (service_id, grain_id, state_name, version, payload) VALUES ('pitstop', 'dealership/DLR-upgrade', 'dealership', 1, @payload)"))
        {
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("payload", Convert.FromBase64String(DealershipCountingItself)));
            await insert.ExecuteNonQueryAsync();
        }

        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "upgrade");
        await traffic.RegisterDealershipAsync();
        var before = await engine.Http.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}");
        before["eventsApplied"]!.GetValue<long>().Should().Be(5, engine.Logs);

        (await traffic.PostAsync(traffic.VisitCompleted("upgrade-1"))).EnsureSuccessStatusCode();

        var after = await engine.HoldsAsync(
            () => engine.Http.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}"), d => d["eventsApplied"]!.GetValue<long>() == 6, TimeSpan.FromSeconds(60));
        after["eventsByType"]!["service.visit.completed"]!.GetValue<long>().Should().Be(6);
    }
}
