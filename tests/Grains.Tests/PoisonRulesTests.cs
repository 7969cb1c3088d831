using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

/// <summary>
/// A rule that really cannot apply a value: an accessory sale of INR 1e21 earns more points than a
/// long holds, so <see cref="Loyalty.CustomerEarning"/> throws. The intake refuses such an amount; a
/// stream fed directly (as an earlier version's queue would be) still carries it.
/// </summary>
[Collection(ClusterCollection.Name)]
public class PoisonRulesTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    private static DmsEvent Sale(string id, string customerId, decimal amount, string dealershipId = "DLR-rules-poison") =>
        new("dms", id, DateTimeOffset.UtcNow.AddMinutes(-5), dealershipId, new AccessorySold("ORD-" + id, customerId, null, amount));

    private static Immutable<IReadOnlyList<DmsEvent>> Events(params DmsEvent[] events) => ((IReadOnlyList<DmsEvent>)events).AsImmutable();

    private async Task<CustomerView?> StoredAsync(string customerId)
    {
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        return await _client.GetGrain<ICustomerGrain>(customerId).GetAsync();
    }

    [Fact]
    public async Task A_probe_runs_the_rules_and_keeps_nothing()
    {
        var customer = _client.GetGrain<ICustomerGrain>("C-probe");

        await customer.ProbeAsync(Events(Sale("probe-good", "C-probe", 10_000m)));
        var probePoison = () => customer.ProbeAsync(Events(Sale("probe-poison", "C-probe", 1e21m)));

        await probePoison.Should().ThrowAsync<OverflowException>();
        (await customer.GetAsync())?.EventsApplied.Should().Be(0, "a probe applies nothing, even in memory");
        await customer.ApplyAsync(Events(Sale("probe-good", "C-probe", 10_000m)));
        (await StoredAsync("C-probe"))!.Balance.Pending.Should().Be(500, "the probed event is applied for real afterwards");
    }

    [Fact]
    public async Task A_batch_whose_rule_throws_half_way_leaves_nothing_of_it_in_memory()
    {
        var customer = _client.GetGrain<ICustomerGrain>("C-half-way");

        var apply = () => customer.ApplyAsync(Events(Sale("half-good", "C-half-way", 10_000m), Sale("half-poison", "C-half-way", 1e21m)));
        await apply.Should().ThrowAsync<OverflowException>();
        await customer.ApplyAsync(Events(Sale("half-good", "C-half-way", 10_000m)));

        // Had memory kept the first sale as applied, the second call would have written nothing.
        var stored = await StoredAsync("C-half-way");
        stored!.EventsApplied.Should().Be(1);
        stored.Balance.Pending.Should().Be(500);
    }

    [Fact]
    public async Task An_overflowing_sale_on_the_stream_is_moved_aside_and_the_sales_around_it_are_stored()
    {
        var settled = await _client.PublishAsync(Sale("sale-before", "C-overflow", 10_000m), Sale("sale-poison", "C-overflow", 1e21m), Sale("sale-after", "C-overflow", 20_000m));

        settled.Should().Equal(EventSettlement.Applied, EventSettlement.DeadLettered, EventSettlement.Applied);
        var letters = await _client.GetGrain<IDeadLettersGrain>(IDeadLettersGrain.Key).ListAsync(DeadLetterStatus.Open);
        letters.Single(d => d.Event.Id == "sale-poison").Error.Should().StartWith(nameof(OverflowException));
        var stored = await StoredAsync("C-overflow");
        stored!.EventsApplied.Should().Be(2);
        stored.Balance.Pending.Should().Be(500 + 1_000);
    }
}
