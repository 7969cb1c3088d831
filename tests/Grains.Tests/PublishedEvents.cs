using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Publishes one dealership's events on its stream, as the intake does, and waits for the fact
/// that they were delivered instead of polling the grains: the dealership's router is told to
/// expect their keys first, then answers what became of each once every grain it concerns
/// persisted it, or once it was moved aside (read-your-writes, <see cref="IEventRouterGrain"/>).
/// </summary>
/// <remarks>
/// A key the router settled before answers at once, whatever its new delivery does. A test that
/// redelivers events therefore publishes a new event after them and reads the grains once that one
/// settled: a dealership's stream delivers in order.
/// </remarks>
public static class PublishedEvents
{
    /// <summary>How long the router holds the question at most: under the client's 30 s response timeout.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);

    /// <summary>What became of each event, in the order given; one still pending after <see cref="Wait"/> says so.</summary>
    public static async Task<IReadOnlyList<EventSettlement>> PublishAsync(this IClusterClient client, params DmsEvent[] events)
    {
        var dealershipId = events.Select(e => e.DealershipId).Distinct(StringComparer.Ordinal).Single();
        var router = client.GetGrain<IEventRouterGrain>(dealershipId);
        var keys = ((IReadOnlyList<EventKey>)[.. events.Select(e => e.Key)]).AsImmutable();

        await router.ExpectAsync(keys);
        await client.GetStreamProvider(EventStreams.ProviderName).GetStream<DmsEvent>(EventStreams.ForDealership(dealershipId)).OnNextBatchAsync(events);
        return await router.SettlementAsync(keys, Wait);
    }
}
