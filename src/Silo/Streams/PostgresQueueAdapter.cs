using Orleans.Serialization;
using Orleans.Streams;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Streams;

/// <summary>
/// Producer side of the PostgreSQL stream provider: each <c>OnNextBatchAsync</c> on a stream becomes
/// one row in the queue table, in the partition the hash ring assigns to the stream.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    HashRingBasedStreamQueueMapper mapper,
    GroupCommit<(int Queue, byte[] Payload), bool> writer,
    QueueTable table,
    Serializer<PostgresBatchContainer> serializer,
    PostgresStreamOptions options,
    Lazy<QueueLeaseHolders> holders) : IQueueAdapter
{
    private readonly Dictionary<QueueId, int> _partitions = mapper.GetAllQueues()
        .Select((queue, index) => (queue, index))
        .ToDictionary(p => p.queue, p => p.index);

    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new PostgresQueueAdapterReceiver(
            _partitions[queueId], table, serializer, options.LeaseDuration, holders.Value, new IdlePolling(StreamWiring.PollPeriod, options.IdlePollCeiling, TimeProvider.System));

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The PostgreSQL queue assigns sequence tokens itself.", nameof(token));
        }

        var container = new PostgresBatchContainer
        {
            StreamId = streamId,
            Events = events.Cast<object>().ToList(),
            RequestContext = requestContext,
        };
        var partition = _partitions[mapper.GetQueueForStream(streamId)];
        return writer.SubmitAsync((partition, serializer.SerializeToArray(container)));
    }
}
