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
    IdlePolling idle) : IQueueAdapterReceiver
{
    // Rows up to here are in this receiver's cache: it reads on from the next one, never again
    // from the head (its own leases may run out while slow consumers work through the cache).
    private long _lastLeasedSeq;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (!idle.ShouldPoll())
        {
            return [];
        }

        // The agent passes a negative count for "no limit"; bound it so one poll stays small.
        var count = maxCount is <= 0 or > 1_000 ? 1_000 : maxCount;
        var rows = await table.LeaseAsync(partition, _lastLeasedSeq, count, leaseDuration);
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
            messages.Add(container);
        }

        return messages;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) =>
        messages.Count == 0
            ? Task.CompletedTask
            : table.DeleteAsync(messages.Cast<PostgresBatchContainer>().Select(m => (m.Token.SequenceNumber, m.DequeueCount)).ToList());

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
