using System.Net;
using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// /health/ready (api.md, operations) tells a balancer the truth about storage: not ready while
/// the database takes no writes, ready again by itself once it does.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ReadinessTests(PostgresServer server)
{
    [Fact]
    public async Task Readiness_fails_while_the_database_refuses_writes_and_comes_back_by_itself()
    {
        var database = await server.CreateDatabaseAsync("ready");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var name = new NpgsqlConnectionStringBuilder(database).Database!;

        await SetReadOnlyAsync(name, readOnly: true);
        var unready = await engine.HoldsAsync(() => ReadyAsync(engine), status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
        await SetReadOnlyAsync(name, readOnly: false);
        var ready = await engine.HoldsAsync(() => ReadyAsync(engine), status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(120));

        unready.Should().Be(HttpStatusCode.ServiceUnavailable, "a read-only database takes none of the engine's writes");
        ready.Should().Be(HttpStatusCode.OK, "readiness returns with the database's writes, without a restart");
    }

    private static async Task<HttpStatusCode> ReadyAsync(PostgresEngine engine)
    {
        using var response = await engine.Http.GetAsync("/health/ready");
        return response.StatusCode;
    }

    /// <summary>
    /// Only this test's database turns read-only; its sessions are ended so that every new one
    /// (the engine's pools reconnect) starts with the setting, as after a failover to a standby.
    /// </summary>
    private async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var setting = readOnly ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only";
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" {setting}", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }

        await using var end = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", connection);
        end.Parameters.AddWithValue("database", database);
        await end.ExecuteScalarAsync();
    }
}
