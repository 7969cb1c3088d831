using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Read-your-writes at the router: the events the intake said it would publish are reported
/// applied once every grain persisted them, or moved aside once dead-lettered (an overflowing sale,
/// as in <see cref="PoisonRulesTests"/>); events nobody expected are unknown to it.
/// </summary>
[Collection(ClusterCollection.Name)]
public class SettlementTests(ClusterFixture fixture)
{
    private const string Dealership = "DLR-settle";

    private readonly IClusterClient _client = fixture.Cluster.Client;

    private static DmsEvent Sale(string id, decimal amount) =>
        new("dms", id, DateTimeOffset.UtcNow.AddMinutes(-5), Dealership, new AccessorySold("ORD-" + id, "C-settle", null, amount));

    [Fact]
    public async Task Expected_events_settle_as_applied_once_their_grains_persisted_them_or_as_dead_lettered_and_others_stay_unknown()
    {
        var router = _client.GetGrain<IEventRouterGrain>(Dealership);
        DmsEvent[] expected = [Sale("settle-1", 10_000m), Sale("settle-poison", 1e21m), Sale("settle-2", 20_000m)];
        var unexpected = Sale("settle-unexpected", 10_000m);
        IReadOnlyList<EventKey> keys = [.. expected.Select(e => e.Key), unexpected.Key];

        await router.ExpectAsync(((IReadOnlyList<EventKey>)[.. expected.Select(e => e.Key)]).AsImmutable());
        await _client.GetStreamProvider(EventStreams.ProviderName).GetStream<DmsEvent>(EventStreams.ForDealership(Dealership))
            .OnNextBatchAsync([.. expected, unexpected]);

        // The poisoned chunk fails twice before its events go one by one; the router answers once none is pending.
        var settled = await router.SettlementAsync(keys.AsImmutable(), PublishedEvents.Wait);

        settled.Should().Equal(EventSettlement.Applied, EventSettlement.DeadLettered, EventSettlement.Applied, EventSettlement.Unknown);
        var customer = await _client.GetGrain<ICustomerGrain>("C-settle").GetAsync();
        customer!.EventsApplied.Should().Be(3, "applied means persisted by the customer: both sales and the unexpected one, read at once");
    }
}
