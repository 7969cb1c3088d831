using Npgsql;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Storage;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// Activating a grain reads its state; under a burst of new customers the state table grows far
/// faster than autovacuum analyzes it. The read must stay a key probe per grain then, not a scan of
/// the whole table per batch (a plan, not a timing, is what this asserts).
/// </summary>
[Collection(PostgresCollection.Name)]
public class GrainStateReadPlanTests(PostgresServer server)
{
    [Fact]
    public async Task Reading_a_batch_of_states_probes_the_key_of_each_even_when_the_table_grew_since_its_last_analyze()
    {
        var database = await server.CreateDatabaseAsync("readplan");
        await new SchemaMigration(database).ApplyAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        // 20,000 states written since the table was created, none of them analyzed yet.
        await dataSource.CreateCommand(
            """
            ALTER TABLE pitstop_grain_state SET (autovacuum_enabled = false);
            INSERT INTO pitstop_grain_state (service_id, grain_id, state_name, version, payload)
            SELECT 'test', 'customer/C-' || g, 'state', 1, decode(repeat('ab', 300), 'hex')
            FROM generate_series(1, 20000) AS g;
            """).ExecuteNonQueryAsync();

        await using var explain = dataSource.CreateCommand("EXPLAIN " + GrainStateTable.ReadSql);
        explain.Parameters.Add(new NpgsqlParameter<string>("service", "test"));
        explain.Parameters.Add(new NpgsqlParameter<string[]>("grains", [.. Enumerable.Range(0, 100).Select(i => $"customer/N-{i}")]));
        explain.Parameters.Add(new NpgsqlParameter<string[]>("names", [.. Enumerable.Repeat("state", 100)]));
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        text.Should().Contain("Index Scan using pitstop_grain_state_pkey", "each grain's state is found by its key")
            .And.Contain("Nested Loop")
            .And.NotContain("Hash Join", "a hash join would read every state of the table for each batch")
            .And.NotContain("Seq Scan on pitstop_grain_state");
    }
}
