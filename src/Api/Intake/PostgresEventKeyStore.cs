using Npgsql;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>The idempotency record in PostgreSQL (table <c>pitstop_event_key</c>): one round trip per batch and step.</summary>
public sealed class PostgresEventKeyStore(NpgsqlDataSource dataSource) : IEventKeyStore
{
    public async Task<IReadOnlySet<EventKey>> ClaimAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        // The insert's own rows are invisible to the second SELECT (same snapshot), so it returns
        // exactly the keys that existed before and were never published.
        await using var command = dataSource.CreateCommand(
            """
            WITH input AS (SELECT * FROM unnest(@sources, @ids) AS t(source, id)),
            fresh AS (
                INSERT INTO pitstop_event_key (source, id)
                SELECT source, id FROM input
                ON CONFLICT DO NOTHING
                RETURNING source, id)
            SELECT source, id FROM fresh
            UNION ALL
            SELECT k.source, k.id FROM pitstop_event_key k JOIN input i USING (source, id) WHERE NOT k.published
            """);
        AddKeys(command, keys);
        var claimed = new HashSet<EventKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            claimed.Add(new EventKey(reader.GetString(0), reader.GetString(1)));
        }

        return claimed;
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE pitstop_event_key k SET published = true
            FROM unnest(@sources, @ids) AS t(source, id)
            WHERE k.source = t.source AND k.id = t.id AND NOT k.published
            """);
        AddKeys(command, keys);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlySet<EventKey>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT k.source, k.id FROM pitstop_event_key k
            JOIN unnest(@sources, @ids) AS t(source, id) USING (source, id)
            WHERE k.published
            """);
        AddKeys(command, keys);
        var found = new HashSet<EventKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found.Add(new EventKey(reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    private static void AddKeys(NpgsqlCommand command, IReadOnlyCollection<EventKey> keys)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", keys.Select(k => k.Source).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", keys.Select(k => k.Id).ToArray()));
    }
}
