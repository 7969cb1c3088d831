using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Pitstop.Silo.Streams;

/// <summary>
/// Consumer side of one queue partition: reads the partition in sequence order from its cursor,
/// and advances the cursor when the pulling agent reports messages delivered (every consumer has
/// processed them) — one write per delivered round, none per message. Delivery is at-least-once
/// (a reader that stops or dies before advancing leaves its last round to be read again); the
/// grains' own idempotency makes it exactly-once in effect.
/// </summary>
/// <remarks>
/// Nothing is held on the rows, so there is nothing to hand over or to void: the partition's next
/// owner (after a graceful stop, or once the membership declares this silo dead and the ring moves
/// the partition) reads on from the cursor at once.
/// </remarks>
internal sealed class PostgresQueueAdapterReceiver(
    int partition,
    QueueTable table,
    Serializer<PostgresBatchContainer> serializer,
    string reader,
    QueueTrimming trimming,
    IdlePolling idle) : IQueueAdapterReceiver
{
    // Rows up to here are in this receiver's cache: it reads on from the next one. Null until the
    // cursor was read (on the first poll, so that a database unreachable at start is retried).
    private long? _readUpTo;
    private long _delivered;

    // The delivered position the last trim deleted up to: nothing to trim until delivery passes it.
    private long _trimmed;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (!idle.ShouldPoll())
        {
            return [];
        }

        if (_readUpTo is null)
        {
            _delivered = await table.CursorAsync(partition);
            _readUpTo = _delivered;
        }

        // The agent passes a negative count for "no limit"; bound it so one poll stays small.
        var count = maxCount is <= 0 or > 1_000 ? 1_000 : maxCount;
        var rows = await table.ReadAsync(partition, _readUpTo.Value, count);
        idle.Found(rows.Count);
        if (rows.Count > 0)
        {
            _readUpTo = rows[^1].Seq;
        }
        else
        {
            // A partition gone quiet still deletes its last rounds, which no later delivery will trim.
            await TrimIfDueAsync();
        }

        var messages = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            var container = serializer.Deserialize(row.Payload)
                ?? throw new InvalidDataException($"Queue row {row.Seq} holds no message.");
            container.Token = new EventSequenceTokenV2(row.Seq);
            messages.Add(container);
        }

        return messages;
    }

    /// <summary>
    /// The agent purges its cache oldest first, so the newest message of a delivered round is the
    /// partition's delivered position.
    /// </summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var last = messages.Max(m => m.SequenceToken.SequenceNumber);
        if (last <= _delivered)
        {
            return;
        }

        await table.AdvanceAsync(partition, last, reader);
        _delivered = last;
        await TrimIfDueAsync();
    }

    private async Task TrimIfDueAsync()
    {
        if (_delivered > _trimmed && trimming.IsDue())
        {
            await table.TrimAsync(partition);
            _trimmed = _delivered;
        }
    }

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
