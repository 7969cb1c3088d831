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
        return await ReadKeysAsync(command, cancellation);
    }

    public async Task<IReadOnlySet<EventKey>> ClaimExclusiveAsync(IReadOnlyCollection<ExclusiveClaim> claims, CancellationToken cancellation)
    {
        // A concurrent insert of the same key makes this one wait for it and then do nothing; the
        // row it committed is invisible to the SELECT (taken before), so the key is not returned.
        await using var command = dataSource.CreateCommand(
            """
            WITH input AS (SELECT * FROM unnest(@sources, @ids, @claimants) AS t(source, id, claimant)),
            fresh AS (
                INSERT INTO pitstop_event_key (source, id, claimant)
                SELECT source, id, claimant FROM input
                ON CONFLICT DO NOTHING
                RETURNING source, id)
            SELECT source, id FROM fresh
            UNION ALL
            SELECT k.source, k.id FROM input i
            CROSS JOIN LATERAL (
                SELECT source, id FROM pitstop_event_key
                WHERE source = i.source AND id = i.id AND NOT published AND claimant = i.claimant
                LIMIT 1) k
            """);
        AddKeys(command, [.. claims.Select(c => c.Key)]);
        command.Parameters.Add(new NpgsqlParameter<string[]>("claimants", claims.Select(c => $"{c.Claimant.Source}:{c.Claimant.Id}").ToArray()));
        return await ReadKeysAsync(command, cancellation);
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<PublishedKey> keys, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE pitstop_event_key k SET published = true, dealership_id = t.dealership_id
            FROM unnest(@sources, @ids, @dealerships) AS t(source, id, dealership_id)
            CROSS JOIN LATERAL (
                SELECT ctid AS row FROM pitstop_event_key
                WHERE source = t.source AND id = t.id
                LIMIT 1) found
            WHERE k.ctid = found.row AND NOT k.published
            """);
        AddKeys(command, [.. keys.Select(k => k.Key)]);
        command.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", keys.Select(k => k.DealershipId).ToArray()));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlyDictionary<EventKey, string?>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT k.source, k.id, k.dealership_id FROM unnest(@sources, @ids) AS t(source, id)
            CROSS JOIN LATERAL (
                SELECT source, id, dealership_id FROM pitstop_event_key
                WHERE source = t.source AND id = t.id AND published
                LIMIT 1) k
            """);
        AddKeys(command, keys);
        var found = new Dictionary<EventKey, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found[new EventKey(reader.GetString(0), reader.GetString(1))] = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        return found;
    }

    private static async Task<IReadOnlySet<EventKey>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellation)
    {
        var keys = new HashSet<EventKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            keys.Add(new EventKey(reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    private static void AddKeys(NpgsqlCommand command, IReadOnlyCollection<EventKey> keys)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", keys.Select(k => k.Source).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", keys.Select(k => k.Id).ToArray()));
    }
}
