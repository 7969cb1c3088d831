using Npgsql;
using NpgsqlTypes;

namespace Pitstop.Silo.Streams;

/// <summary>
/// The SQL of the event queue table (created by Schema/004-pitstop-intake.sql). Rows are leased,
/// not removed, when read; only a delivered lease is deleted, so a crash anywhere leaves every
/// undelivered message in the table, to be read again once its lease runs out.
/// </summary>
internal sealed class QueueTable(NpgsqlDataSource dataSource)
{
    public async Task InsertAsync(IReadOnlyList<(int Queue, byte[] Payload)> rows, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO pitstop_event_queue (queue_id, payload) SELECT * FROM unnest(@queues, @payloads)");
        command.Parameters.Add(new NpgsqlParameter<int[]>("queues", rows.Select(r => r.Queue).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = rows.Select(r => r.Payload).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<List<LeasedRow>> LeaseAsync(int queue, int maxCount, TimeSpan lease)
    {
        // SKIP LOCKED: two receivers of the same queue (a hand-over between silos) never block each other.
        await using var command = dataSource.CreateCommand(
            """
            WITH next AS (
                SELECT seq FROM pitstop_event_queue
                WHERE queue_id = @queue AND visible_at <= now()
                ORDER BY seq
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            UPDATE pitstop_event_queue q
            SET visible_at = now() + @lease, dequeue_count = q.dequeue_count + 1
            FROM next
            WHERE q.seq = next.seq
            RETURNING q.seq, q.dequeue_count, q.payload
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("queue", queue));
        command.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", lease));
        var rows = new List<LeasedRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LeasedRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2)));
        }

        // RETURNING gives no order; the stream contract is queue order.
        rows.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return rows;
    }

    public async Task DeleteAsync(IReadOnlyList<(long Seq, int DequeueCount)> leases)
    {
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM pitstop_event_queue q
            USING unnest(@seqs, @counts) AS d(seq, dequeue_count)
            WHERE q.seq = d.seq AND q.dequeue_count = d.dequeue_count
            """);
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", leases.Select(l => l.Seq).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("counts", leases.Select(l => l.DequeueCount).ToArray()));
        await command.ExecuteNonQueryAsync();
    }
}

internal readonly record struct LeasedRow(long Seq, int DequeueCount, byte[] Payload);
