using System.Collections.Concurrent;
using Orleans.Streams;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// Puts accepted events on their dealerships' memory streams (the embedded mode's acceptance): one
/// producer call per dealership per batch, all at once.
/// </summary>
public sealed partial class EventPublisher(IClusterClient cluster, ILogger<EventPublisher> logger)
{
    // Memory streams (embedded mode) refuse messages once a queue holds 16,384; the intake waits
    // for the grains to catch up rather than failing the batch.
    private static readonly TimeSpan MaxBackPressureWait = TimeSpan.FromSeconds(30);

    // Stream handles are cheap to keep and, in the client, take a lock to create: one per dealership.
    private readonly ConcurrentDictionary<string, IAsyncStream<DmsEvent>> _streams = new(StringComparer.Ordinal);

    public async Task PublishAsync(IReadOnlyList<DmsEvent> events, CancellationToken cancellation)
    {
        // Set in this async method, the trace's parent goes with these producer calls and no further.
        using var trace = IntakeTracing.StartPublish(events.Count);
        // Sorted by occurredAt, so that each grain meets a batch's events in the order they happened.
        var deliveries = events
            .GroupBy(e => e.DealershipId, StringComparer.Ordinal)
            .Select(g => SendAsync(Stream(g.Key), g.OrderBy(e => e.OccurredAt).ToList(), cancellation));
        await Task.WhenAll(deliveries);
    }

    private IAsyncStream<DmsEvent> Stream(string dealershipId) => _streams.GetOrAdd(
        dealershipId,
        id => cluster.GetStreamProvider(EventStreams.ProviderName).GetStream<DmsEvent>(EventStreams.ForDealership(id)));

    private async Task SendAsync(IAsyncStream<DmsEvent> stream, List<DmsEvent> batch, CancellationToken cancellation)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await stream.OnNextBatchAsync(batch);
                return;
            }
            catch (InvalidOperationException ex) when (waited < MaxBackPressureWait)
            {
                LogQueueFull(stream.StreamId, ex.Message);
                await Task.Delay(delay, cancellation);
                waited += delay;
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1_000));
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Stream queue full for {Stream}, waiting: {Reason}")]
    private partial void LogQueueFull(StreamId stream, string reason);
}
