using Npgsql;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>The idempotency record in PostgreSQL (table <c>pitstop_event_key</c>), read in one round trip per batch.</summary>
/// <remarks>
/// Each key is looked up by a primary-key probe of its own (a LATERAL subquery with LIMIT): as a
/// plain join with the batch, a table grown since its last ANALYZE was read whole into a hash join
/// on every call, 23 ms instead of 1.6 ms for 100 keys.
/// </remarks>
public sealed class PostgresEventKeyStore(NpgsqlDataSource dataSource) : IEventKeyStore
{
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
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", keys.Select(k => k.Source).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", keys.Select(k => k.Id).ToArray()));
        var found = new Dictionary<EventKey, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found[new EventKey(reader.GetString(0), reader.GetString(1))] = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        return found;
    }
}
