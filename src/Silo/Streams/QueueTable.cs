using Npgsql;
using NpgsqlTypes;

namespace Pitstop.Silo.Streams;

/// <summary>
/// The SQL of the event queue (tables <c>pitstop_event_queue</c> and <c>pitstop_queue_cursor</c>,
/// Schema/004 and 016). Rows are written by <see cref="EventQueueWriter"/> and never updated; a
/// partition's reader follows its cursor, advanced once per delivered round, and rows the cursor has
/// passed are deleted in ranges. A crash anywhere leaves every row after the cursor in the table.
/// </summary>
internal sealed class QueueTable(NpgsqlDataSource dataSource)
{
    // Advisory lock ids PartitionLockBase + partition serialize writers per partition.
    private const long PartitionLockBase = 0x5049_5400_0000;

    /// <summary>
    /// The statements that append <paramref name="rows"/> to their partitions in a writer's
    /// transaction. A reader never skips a row because a partition's rows commit in sequence order:
    /// each writer takes its partitions' locks (in a fixed order) before its rows draw their
    /// sequence numbers, and holds them until it commits. Without them a writer could commit a
    /// lower number after a reader had passed a higher one.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Append(IReadOnlyList<(int Queue, byte[] Payload)> rows)
    {
        var queues = rows.Select(r => r.Queue).ToArray();
        var locks = new NpgsqlBatchCommand(
            "SELECT count(pg_advisory_xact_lock(@lockBase + q)) FROM (SELECT DISTINCT unnest(@queues) AS q ORDER BY 1) partitions");
        locks.Parameters.Add(new NpgsqlParameter<long>("lockBase", PartitionLockBase));
        locks.Parameters.Add(new NpgsqlParameter<int[]>("queues", queues));
        var insert = new NpgsqlBatchCommand("INSERT INTO pitstop_event_queue (queue_id, payload) SELECT * FROM unnest(@queues, @payloads)");
        insert.Parameters.Add(new NpgsqlParameter<int[]>("queues", queues));
        insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = rows.Select(r => r.Payload).ToArray() });
        return [locks, insert];
    }

    /// <summary>Where the partition's reading starts: after its last delivered row (0 for a partition never delivered).</summary>
    public async Task<long> CursorAsync(int queue)
    {
        await using var command = dataSource.CreateCommand("SELECT delivered_seq FROM pitstop_queue_cursor WHERE queue_id = @queue");
        command.Parameters.Add(new NpgsqlParameter<int>("queue", queue));
        return await command.ExecuteScalarAsync() is long seq ? seq : 0;
    }

    /// <summary>The partition's rows after <paramref name="afterSeq"/>, in sequence order.</summary>
    public async Task<List<QueueRow>> ReadAsync(int queue, long afterSeq, int maxCount)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, payload FROM pitstop_event_queue WHERE queue_id = @queue AND seq > @after ORDER BY seq LIMIT @max");
        command.Parameters.Add(new NpgsqlParameter<int>("queue", queue));
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSeq));
        command.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
        var rows = new List<QueueRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new QueueRow(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return rows;
    }

    /// <summary>
    /// Records that every row of the partition up to <paramref name="deliveredSeq"/> was delivered.
    /// The cursor never moves back: a reader that lost the partition without knowing yet (the ring
    /// moved it) delivered what it reports, so its position is as good as the new owner's.
    /// </summary>
    public async Task AdvanceAsync(int queue, long deliveredSeq, string reader)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO pitstop_queue_cursor AS c (queue_id, delivered_seq, reader, advanced_at)
            VALUES (@queue, @seq, @reader, now())
            ON CONFLICT (queue_id) DO UPDATE
            SET delivered_seq = EXCLUDED.delivered_seq, reader = EXCLUDED.reader, advanced_at = EXCLUDED.advanced_at
            WHERE c.delivered_seq < EXCLUDED.delivered_seq
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("queue", queue));
        command.Parameters.Add(new NpgsqlParameter<long>("seq", deliveredSeq));
        command.Parameters.Add(new NpgsqlParameter<string>("reader", reader));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes the partition's rows its cursor has passed: one range per call, whatever the number of rounds since the last.</summary>
    public async Task TrimAsync(int queue)
    {
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM pitstop_event_queue
            WHERE queue_id = @queue AND seq <= (SELECT delivered_seq FROM pitstop_queue_cursor WHERE queue_id = @queue)
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("queue", queue));
        await command.ExecuteNonQueryAsync();
    }
}

internal readonly record struct QueueRow(long Seq, byte[] Payload);
