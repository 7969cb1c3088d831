using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Pitstop.Grains.Dealerships;
using Pitstop.Grains.Interfaces.Dealerships;
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

    [Fact]
    public async Task A_dealership_its_router_handed_month_totals_shows_its_months_when_it_sums_them_on_reading()
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(DealershipState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var visits = new Dictionary<string, long> { ["service.visit.completed"] = 3 };
        // As the router left it: the month's totals in the dealership, the month's own counts beside them.
        var dealership = new DealershipState { Profile = new DealershipProfile("Pitstop relay", "Pune", "MH", "west") };
        dealership.Months["2026-11"] = new EventCounts(visits);
        var month = new DealershipMonthState();
        month.EventsByType["service.visit.completed"] = 3;
        var database = await server.CreateDatabaseAsync("upgrade-relay");
        await new SchemaMigration(database).ApplyAsync();
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            foreach (var (grain, state, payload) in new[]
            {
                ("dealership/DLR-relay", "dealership", serializer.SerializeToArray(dealership)),
                ("dealershipmonth/DLR-relay|2026-11", "dealership-month", serializer.SerializeToArray(month)),
            })
            {
                await using var insert = dataSource.CreateCommand(
                    "INSERT INTO pitstop_grain_state (service_id, grain_id, state_name, version, payload) VALUES ('pitstop', @grain, @state, 1, @payload)");
                insert.Parameters.Add(new NpgsqlParameter<string>("grain", grain));
                insert.Parameters.Add(new NpgsqlParameter<string>("state", state));
                insert.Parameters.Add(new NpgsqlParameter<byte[]>("payload", payload));
                await insert.ExecuteNonQueryAsync();
            }
        }

        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();

        var read = await engine.Http.GetObjectAsync("/api/v1/dealerships/DLR-relay");
        read["eventsApplied"]!.GetValue<long>().Should().Be(3, engine.Logs);
        read["eventsByType"]!["service.visit.completed"]!.GetValue<long>().Should().Be(3);
    }
}
