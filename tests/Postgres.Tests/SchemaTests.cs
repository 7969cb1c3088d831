using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class SchemaTests(PostgresServer server)
{
    [Fact]
    public async Task The_schema_applies_twice_and_installs_every_query_the_providers_read()
    {
        var database = await server.CreateDatabaseAsync("schema");
        var migration = new SchemaMigration(database);

        var first = await migration.ApplyAsync();
        var second = await migration.ApplyAsync();

        second.Should().Equal(first);
        first.Should().Contain("004-pitstop-intake.sql");
        var keys = await QueryKeysAsync(database);
        keys.Should().Contain(
        [
            // Clustering (the provider refuses to start without every one of them).
            "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey",
            // Grain storage.
            "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
            // Reminders.
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ]);
    }

    private static async Task<List<string>> QueryKeysAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT querykey FROM orleansquery");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
