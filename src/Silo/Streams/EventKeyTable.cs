using Npgsql;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Silo.Streams;

/// <summary>
/// The idempotency record's statements in the writer's transaction (table <c>pitstop_event_key</c>,
/// Schema/004 and 013). A key is stored published, with its dealership, in the transaction that
/// queues its event; rows stored unpublished by earlier versions (a claim whose event may never have
/// been queued) are taken as new.
/// </summary>
/// <remarks>
/// Keys go in sorted, so that two writers storing overlapping keys wait for each other instead of
/// deadlocking. A conflicting row that is not taken is only locked: a duplicate writes no new row.
/// </remarks>
internal static class EventKeyTable
{
    /// <summary>Of the events' keys, those stored now: new ones and earlier versions' unpublished ones.</summary>
    public static async Task<HashSet<EventKey>> StoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DmsEvent> events, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO pitstop_event_key AS k (source, id, published, dealership_id)
            SELECT source, id, true, dealership_id FROM unnest(@sources, @ids, @dealerships) AS t(source, id, dealership_id)
            ORDER BY source, id
            ON CONFLICT (source, id) DO UPDATE SET published = true, dealership_id = EXCLUDED.dealership_id
            WHERE NOT k.published
            RETURNING k.source, k.id
            """,
            connection,
            transaction);
        AddKeys(command, [.. events.Select(e => e.Key)]);
        command.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", events.Select(e => e.DealershipId).ToArray()));
        return await ReadKeysAsync(command, cancellation);
    }

    /// <summary>
    /// Of the exclusive keys, those now held by their claimants: new ones, and earlier versions'
    /// unpublished ones claimed by the same claimant. A key held by another claimant is not taken.
    /// </summary>
    public static async Task<HashSet<EventKey>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(EventKey Key, DmsEvent Claimant)> claims, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO pitstop_event_key AS k (source, id, published, dealership_id, claimant)
            SELECT source, id, true, dealership_id, claimant
            FROM unnest(@sources, @ids, @dealerships, @claimants) AS t(source, id, dealership_id, claimant)
            ORDER BY source, id
            ON CONFLICT (source, id) DO UPDATE SET published = true, dealership_id = EXCLUDED.dealership_id
            WHERE NOT k.published AND k.claimant = EXCLUDED.claimant
            RETURNING k.source, k.id
            """,
            connection,
            transaction);
        AddKeys(command, [.. claims.Select(c => c.Key)]);
        command.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", claims.Select(c => c.Claimant.DealershipId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("claimants", claims.Select(c => $"{c.Claimant.Source}:{c.Claimant.Id}").ToArray()));
        return await ReadKeysAsync(command, cancellation);
    }

    /// <summary>
    /// Removes keys this transaction stored for events it then refused (a reversal whose original
    /// another reversal holds), so that the event is not taken for accepted. Each row is found by a
    /// key probe of its own (a join with the batch may read a grown table whole).
    /// </summary>
    public static async Task ForgetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM pitstop_event_key k
            USING unnest(@sources, @ids) AS t(source, id)
            CROSS JOIN LATERAL (
                SELECT ctid AS row FROM pitstop_event_key
                WHERE source = t.source AND id = t.id
                LIMIT 1) found
            WHERE k.ctid = found.row
            """,
            connection,
            transaction);
        AddKeys(command, keys);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<HashSet<EventKey>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellation)
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
