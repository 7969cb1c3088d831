using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class RecoveryPersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task A_follow_up_still_falls_due_from_its_durable_reminder_after_every_process_restarts()
    {
        var database = await server.CreateDatabaseAsync("recovery");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgrecovery");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(50_000);
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        const string path = "/api/v1/incidents/delay:JC-pgrecovery-v1";
        var recovered = await engine.HoldsAsync(
            () => engine.Http.GetObjectOrEmptyAsync(path), i => i["status"]?.GetValue<string>() == "recovered", TimeSpan.FromSeconds(60));
        recovered["followUps"]![0]!["status"]!.GetValue<string>().Should().Be("scheduled");

        // Eight days on: the restarted silo runs the program's calendar ahead of the wall clock.
        engine.SiloSettings["Program__ClockOffset"] = "8.00:00:00";
        await engine.RestartAllAsync();

        // Nothing asks for the incident: the desk's reminder (every minute) raises the follow-up by itself.
        var notifications = await engine.HoldsAsync(
            () => engine.Http.GetObjectAsync("/api/v1/notifications?after=0&limit=1000"),
            feed => feed["items"]!.AsArray().Any(IsDaySevenFollowUp),
            TimeSpan.FromSeconds(180));
        notifications["items"]!.AsArray().Count(IsDaySevenFollowUp).Should().Be(1, engine.Logs);
        var incident = await engine.Http.GetObjectAsync(path);
        incident["followUps"]![0]!["status"]!.GetValue<string>().Should().Be("due");
        incident["recovery"]!["points"]!.GetValue<long>().Should().Be(5_000, "the recovery outlived the restart");
        (await engine.Http.AvailableAsync($"/api/v1/customers/{traffic.Customer()}")).Should().Be(5_500);
    }

    [Fact]
    public async Task A_settled_incident_moves_to_its_archive_by_the_desk_s_reminder_and_is_listed_and_counted_after_every_process_restarts()
    {
        var database = await server.CreateDatabaseAsync("archive");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgarchive");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(50_000);
        (await traffic.PostAsync(traffic.DelayedVisit("v1", TimeSpan.FromHours(3)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        const string incidentId = "delay:JC-pgarchive-v1";
        const string path = "/api/v1/incidents/" + incidentId;
        await engine.HoldsAsync(() => engine.Http.GetObjectOrEmptyAsync(path), i => i["status"]?.GetValue<string>() == "recovered", TimeSpan.FromSeconds(60));
        foreach (var day in new[] { 7, 30 })
        {
            (await engine.Http.PostAsJsonAsync($"{path}/follow-ups/{day}/complete", new { outcome = "reached" })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // A month on, past the day-30 follow-up's day: the desk's reminder makes its last check and
        // settles the incident by itself.
        engine.SiloSettings["Program__ClockOffset"] = "31.00:00:00";
        await engine.RestartAllAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        await engine.HoldsAsync(
            async () =>
            {
                await using var count = dataSource.CreateCommand(
                    "SELECT count(*) FROM pitstop_grain_state WHERE state_name = 'recovery-archive' AND grain_id LIKE '%DLR-pgarchive|%' AND payload IS NOT NULL");
                return (long)(await count.ExecuteScalarAsync())!;
            },
            archives => archives == 1,
            TimeSpan.FromSeconds(180));

        await engine.RestartAllAsync();
        var page = await engine.HoldsAsync(
            () => engine.Http.GetObjectAsync($"/api/v1/incidents?dealershipId={traffic.Dealership}"), p => p["incidents"]!.AsArray().Count > 0, TimeSpan.FromSeconds(60));
        page["incidents"]!.AsArray().Select(i => (i!["incidentId"]!.GetValue<string>(), i["status"]!.GetValue<string>())).Should().Equal((incidentId, "recovered"));
        var total = (await engine.Http.GetObjectAsync($"/api/v1/analytics/recovery?dealershipId={traffic.Dealership}"))["total"]!;
        (total["incidents"]!.GetValue<int>(), total["recovered"]!.GetValue<int>(), total["pointsSpent"]!.GetValue<long>()).Should().Be((1, 1, 5_000L), engine.Logs);
    }

    private static bool IsDaySevenFollowUp(JsonNode? n) =>
        n!["type"]!.GetValue<string>() == "recovery.follow-up-due" && n["data"]!["incidentId"]!.GetValue<string>() == "delay:JC-pgrecovery-v1"
        && n["data"]!["day"]!.GetValue<string>() == "7";
}
