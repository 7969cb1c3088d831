using Orleans.Streams;
using Pitstop.Silo.Hosting;

namespace Pitstop.Silo.Streams;

/// <summary>
/// The stream provider's side of the PostgreSQL queue in a silo: a receiver per partition, and the
/// producer calls of grains. The intake does not produce through streams: it admits events through
/// <see cref="EventQueueWriter"/> directly, which stores their keys with them. A grain's
/// <c>OnNextBatchAsync</c> (a dead letter's retry) re-queues events whose keys are stored already.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    QueuePartitions partitions,
    EventQueueWriter writer,
    QueueTable table,
    Orleans.Serialization.Serializer<PostgresBatchContainer> serializer,
    PostgresStreamOptions options,
    Lazy<string> reader) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new PostgresQueueAdapterReceiver(
            partitions.Of(queueId),
            table,
            serializer,
            reader.Value,
            new QueueTrimming(options.TrimInterval, TimeProvider.System),
            new IdlePolling(StreamWiring.PollPeriod, options.IdlePollCeiling, TimeProvider.System));

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The PostgreSQL queue assigns sequence tokens itself.", nameof(token));
        }

        return writer.RequeueAsync(new PostgresBatchContainer
        {
            StreamId = streamId,
            Events = events.Cast<object>().ToList(),
            RequestContext = requestContext,
        });
    }
}
