using Orleans.Configuration;
using Orleans.Streams;

namespace Pitstop.Silo.Streams;

/// <summary>
/// The queue's partitions as Orleans' hash ring assigns streams to them: a partition is the index of
/// its <see cref="QueueId"/> among the ring's queues. Writers (the intake, dead-letter retries) and
/// the pulling agents build it from the same provider name and count, so a dealership's events are
/// written to the partition whose agent delivers its stream.
/// </summary>
public sealed class QueuePartitions
{
    private readonly Dictionary<QueueId, int> _indexes;

    public QueuePartitions(string providerName, int count)
    {
        Mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = count }, providerName);
        _indexes = Mapper.GetAllQueues().Select((queue, index) => (queue, index)).ToDictionary(p => p.queue, p => p.index);
    }

    public HashRingBasedStreamQueueMapper Mapper { get; }

    public int Of(QueueId queue) => _indexes[queue];

    public int Of(StreamId stream) => _indexes[Mapper.GetQueueForStream(stream)];
}
