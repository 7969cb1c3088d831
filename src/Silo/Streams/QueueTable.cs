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
    // Advisory lock ids PartitionLockBase + partition serialize producers per partition.
    private const long PartitionLockBase = 0x5049_5400_0000;

    public async Task<IReadOnlyList<bool>> InsertAsync(IReadOnlyList<(int Queue, byte[] Payload)> rows, CancellationToken cancellation)
    {
        // Readers rely on a partition's rows becoming visible in sequence order (see LeaseAsync).
        // Several producers (API nodes) could otherwise commit a lower seq after a higher one, so
        // each insert holds its partitions' locks, taken in a fixed order, until it commits.
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    "SELECT count(pg_advisory_xact_lock(@lockBase + q)) FROM (SELECT DISTINCT unnest(@queues) AS q ORDER BY 1) partitions"),
                new NpgsqlBatchCommand("INSERT INTO pitstop_event_queue (queue_id, payload) SELECT * FROM unnest(@queues, @payloads)"),
            },
        };
        var queues = rows.Select(r => r.Queue).ToArray();
        batch.BatchCommands[0].Parameters.Add(new NpgsqlParameter<long>("lockBase", PartitionLockBase));
        batch.BatchCommands[0].Parameters.Add(new NpgsqlParameter<int[]>("queues", queues));
        batch.BatchCommands[1].Parameters.Add(new NpgsqlParameter<int[]>("queues", queues));
        batch.BatchCommands[1].Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = rows.Select(r => r.Payload).ToArray(),
        });
        await batch.ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Enumerable.Repeat(true, rows.Count).ToList();
    }

    /// <summary>
    /// Leases the next rows of a partition after <paramref name="afterSeq"/> for
    /// <paramref name="holder"/>, strictly in sequence order: reading stops at the first row someone
    /// else still holds. Orleans' stream cursors assume a partition is delivered in token order; a
    /// row skipped now and delivered after a newer one would look already delivered to its consumer
    /// and be dropped. A lease of one of <paramref name="deadHolders"/> holds nothing (see
    /// <see cref="QueueLeaseHolders"/>).
    /// </summary>
    public async Task<List<LeasedRow>> LeaseAsync(int queue, long afterSeq, int maxCount, TimeSpan lease, string holder, string[] deadHolders)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH candidates AS (
                SELECT seq, visible_at, leased_by FROM pitstop_event_queue
                WHERE queue_id = @queue AND seq > @after
                ORDER BY seq
                LIMIT @max),
            held AS (
                SELECT min(seq) AS seq FROM candidates
                WHERE visible_at > now() AND (leased_by IS NULL OR leased_by <> ALL(@dead)))
            UPDATE pitstop_event_queue q
            SET visible_at = now() + @lease, dequeue_count = q.dequeue_count + 1, leased_by = @holder
            FROM candidates c
            WHERE q.seq = c.seq AND c.seq < COALESCE((SELECT seq FROM held), 9223372036854775807)
            RETURNING q.seq, q.dequeue_count, q.payload
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("queue", queue));
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSeq));
        command.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", lease));
        command.Parameters.Add(new NpgsqlParameter<string>("holder", holder));
        command.Parameters.Add(new NpgsqlParameter<string[]>("dead", deadHolders));
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

    /// <summary>
    /// Makes leased rows readable again at once, keeping their dequeue count: a stopping silo hands
    /// its partitions over without the next owner waiting for the leases to run out. A row already
    /// delivered (deleted) or leased again since (another count) is left alone.
    /// </summary>
    public async Task ReleaseAsync(IReadOnlyList<(long Seq, int DequeueCount)> leases)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE pitstop_event_queue q SET visible_at = now()
            FROM unnest(@seqs, @counts) AS r(seq, dequeue_count)
            WHERE q.seq = r.seq AND q.dequeue_count = r.dequeue_count
            """);
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", leases.Select(l => l.Seq).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("counts", leases.Select(l => l.DequeueCount).ToArray()));
        await command.ExecuteNonQueryAsync();
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
