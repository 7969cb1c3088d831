using System.Collections.Concurrent;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Pitstop.Silo.Streams;

/// <summary>
/// Consumer side of one queue partition. Messages are leased when read and deleted only when the
/// pulling agent reports them delivered (every consumer has processed them), so delivery is
/// at-least-once and the grains' own idempotency makes it exactly-once in effect. A partition is
/// read strictly in sequence order (see <see cref="QueueTable.LeaseAsync"/>).
/// </summary>
internal sealed class PostgresQueueAdapterReceiver(
    int partition,
    QueueTable table,
    Serializer<PostgresBatchContainer> serializer,
    TimeSpan leaseDuration,
    QueueLeaseHolders holders,
    IdlePolling idle) : IQueueAdapterReceiver
{
    // Rows up to here are in this receiver's cache: it reads on from the next one, never again
    // from the head (its own leases may run out while slow consumers work through the cache).
    private long _lastLeasedSeq;

    // Leases read and not yet delivered, by sequence number: what a graceful stop hands back.
    private readonly ConcurrentDictionary<long, int> _held = new();

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (!idle.ShouldPoll())
        {
            return [];
        }

        // The agent passes a negative count for "no limit"; bound it so one poll stays small.
        var count = maxCount is <= 0 or > 1_000 ? 1_000 : maxCount;
        var rows = await table.LeaseAsync(partition, _lastLeasedSeq, count, leaseDuration, holders.Self, holders.Dead());
        idle.Found(rows.Count);
        if (rows.Count > 0)
        {
            _lastLeasedSeq = rows[^1].Seq;
        }

        var messages = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            var container = serializer.Deserialize(row.Payload)
                ?? throw new InvalidDataException($"Queue row {row.Seq} holds no message.");
            container.Token = new EventSequenceTokenV2(row.Seq);
            container.DequeueCount = row.DequeueCount;
            _held[row.Seq] = row.DequeueCount;
            messages.Add(container);
        }

        return messages;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var delivered = messages.Cast<PostgresBatchContainer>().Select(m => (m.Token.SequenceNumber, m.DequeueCount)).ToList();
        foreach (var (seq, _) in delivered)
        {
            _held.TryRemove(seq, out _);
        }

        return table.DeleteAsync(delivered);
    }

    /// <summary>
    /// A graceful stop (the silo shuts down, or the partition moves to another silo) releases the
    /// leases this receiver still holds: the partition's next owner reads them at once instead of
    /// after <c>LeaseDuration</c> (30 s), during which that partition's events would wait. A
    /// delivery still under way may then be delivered twice, which the grains' idempotency absorbs.
    /// </summary>
    public Task Shutdown(TimeSpan timeout)
    {
        var held = _held.Select(h => (h.Key, h.Value)).ToList();
        _held.Clear();
        return held.Count == 0 ? Task.CompletedTask : table.ReleaseAsync(held);
    }
}
