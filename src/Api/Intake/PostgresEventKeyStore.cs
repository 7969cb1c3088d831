using Npgsql;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>The idempotency record in PostgreSQL (table <c>pitstop_event_key</c>): one round trip per batch and step.</summary>
/// <remarks>
/// Each key is looked up by a primary-key probe of its own (a LATERAL subquery with LIMIT, and the
/// update finds its rows by their ctid): as plain joins with the batch, a table grown since its
/// last ANALYZE was read whole into a hash join on every call, 23 ms instead of 1.6 ms for 100 keys.
/// </remarks>
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
            SELECT k.source, k.id FROM input i
            CROSS JOIN LATERAL (
                SELECT source, id FROM pitstop_event_key
                WHERE source = i.source AND id = i.id AND NOT published
                LIMIT 1) k
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
            CROSS JOIN LATERAL (
                SELECT ctid AS row FROM pitstop_event_key
                WHERE source = t.source AND id = t.id
                LIMIT 1) found
            WHERE k.ctid = found.row AND NOT k.published
            """);
        AddKeys(command, keys);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlySet<EventKey>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT k.source, k.id FROM unnest(@sources, @ids) AS t(source, id)
            CROSS JOIN LATERAL (
                SELECT source, id FROM pitstop_event_key
                WHERE source = t.source AND id = t.id AND published
                LIMIT 1) k
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
