using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Notifications;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Storage;

/// <summary>
/// The notification feed in PostgreSQL (Schema/006). Appends take a transaction-level advisory
/// lock so that positions are handed out in commit order: a reader that has seen position n never
/// later finds a smaller one appear.
/// </summary>
internal sealed class PostgresNotificationFeed(string connectionString) : INotificationFeed, IAsyncDisposable
{
    private const long AppendLock = 0x7069_7473_6e6f_7469; // "pitsnoti"

    // Appends take one advisory lock in turn: more connections than a few would only wait on it.
    private readonly NpgsqlDataSource _dataSource = BoundedDataSource.Create(connectionString, maxConnections: 8);

    public async Task AppendAsync(IReadOnlyList<Notification> notifications)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long>("key", AppendLock));
            await lockCommand.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO pitstop_notification (id, type, target, at, data, dealership_id)
            SELECT * FROM unnest(@ids, @types, @targets, @ats, @data, @dealerships) ORDER BY 4
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. notifications.Select(n => n.Id)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. notifications.Select(n => n.Type)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("targets", [.. notifications.Select(n => n.Target)]));
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", [.. notifications.Select(n => n.At.UtcDateTime)]));
            insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
            {
                Value = notifications.Select(n => JsonSerializer.Serialize(n.Data)).ToArray(),
            });
            insert.Parameters.Add(new NpgsqlParameter("dealerships", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                Value = notifications.Select(n => (object?)n.DealershipId ?? DBNull.Value).ToArray(),
            });
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<Notification>> ReadAsync(long after, int limit, IReadOnlyList<string>? dealerships)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT seq, id, type, target, at, data, dealership_id FROM pitstop_notification
            WHERE seq > @after AND (@all OR dealership_id = ANY(@dealerships))
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<long>("after", after));
        command.Parameters.Add(new NpgsqlParameter<bool>("all", dealerships is null));
        command.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", [.. dealerships ?? []]));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var page = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            page.Add(new Notification(
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [],
                reader.GetInt64(0),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return page;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
