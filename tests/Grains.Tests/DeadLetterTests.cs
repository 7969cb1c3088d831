using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Poison through the real stream: an event every grain's rules refuse (<see cref="PoisonedEvents"/>)
/// is moved aside after the configured attempts, and the dealership's stream goes on.
/// </summary>
[Collection(ClusterCollection.Name)]
public class DeadLetterTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    private IDeadLettersGrain Letters => _client.GetGrain<IDeadLettersGrain>(IDeadLettersGrain.Key);

    private static DmsEvent Visit(string id, string customerId, string technicianId, string dealershipId) => new(
        "dms", id, DateTimeOffset.UtcNow.AddMinutes(-5), dealershipId,
        new VisitCompleted("JC-" + id, customerId, "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A-" + dealershipId, [technicianId],
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), true, false, true, 10_000m));

    // Read once the event settled as dead-lettered: the router settles it after the letter is stored.
    private async Task<DeadLetter> LetterOfAsync(string eventId) =>
        (await Letters.ListAsync(null)).Single(d => d.Event.Id == eventId);

    [Fact]
    public async Task A_poison_event_is_moved_aside_unapplied_and_the_events_around_it_are_applied()
    {
        const string dealership = "DLR-poison-1";
        PoisonedEvents.Poison("poison-1");
        await _client.GetGrain<IDealershipGrain>(dealership).RegisterAsync(new DealershipProfile("Pitstop poison", "Pune", "MH", "west"));

        // One delivery: the poison sits between two good events of the same customer and technician.
        (await _client.PublishAsync(
            Visit("poison-before", "C-poison-1", "S-poison-1", dealership),
            Visit("poison-1", "C-poison-1", "S-poison-1", dealership),
            Visit("poison-after", "C-poison-1", "S-poison-1", dealership)))
            .Should().Equal(EventSettlement.Applied, EventSettlement.DeadLettered, EventSettlement.Applied);
        var letter = await LetterOfAsync("poison-1");
        // A later delivery of the same dealership is applied too: the stream moved on.
        (await _client.PublishAsync(Visit("poison-later", "C-poison-1", "S-poison-1", dealership))).Should().Equal(EventSettlement.Applied);

        var customer = await _client.GetGrain<ICustomerGrain>("C-poison-1").GetAsync();
        customer!.EventsApplied.Should().Be(3);
        customer.Balance.Pending.Should().Be(3 * 500, "the three good visits earn, the poison none");
        var technician = await _client.GetGrain<IStaffGrain>("S-poison-1").GetAsync();
        technician!.EventsApplied.Should().Be(3, "the technician applied the good visits only");
        letter.Status.Should().Be(DeadLetterStatus.Open);
        letter.Error.Should().Contain("OverflowException").And.Contain("poison-1");
        letter.Attempts.Should().Be(2);
        letter.Event.DealershipId.Should().Be(dealership);
    }

    [Fact]
    public async Task A_discard_takes_back_what_a_grain_that_took_the_event_was_awarded()
    {
        // The customer's rules take the visit and its 500 points (pending: the budget is empty);
        // the technician's refuse it, so the event is moved aside after the customer applied it.
        const string dealership = "DLR-poison-4";
        PoisonedEvents.PoisonForStaff("poison-4");
        var customer = _client.GetGrain<ICustomerGrain>("C-poison-4");
        (await _client.PublishAsync(Visit("poison-4", "C-poison-4", "S-poison-4", dealership))).Should().Equal(EventSettlement.DeadLettered);
        var letter = await LetterOfAsync("poison-4");
        (await customer.GetAsync())!.Balance.Pending.Should().Be(500);
        // The budget hands the customer its reversal after its own write, outside the discard's call.
        var reversal = AnsweredCalls.Arm(customer.GetGrainId(), nameof(IWalletHolder.ReverseAwardsAsync));

        await Letters.DiscardAsync(letter.Id, "ops@test");

        await reversal.AnsweredAsync();
        var balance = (await customer.GetAsync())!.Balance;
        balance.Pending.Should().Be(0);
        balance.Available.Should().Be(0);
    }

    [Fact]
    public async Task A_dead_letter_retried_after_the_rule_is_fixed_is_applied_once_and_closed()
    {
        const string dealership = "DLR-poison-2";
        PoisonedEvents.Poison("poison-2");
        (await _client.PublishAsync(Visit("poison-2", "C-poison-2", "S-poison-2", dealership))).Should().Equal(EventSettlement.DeadLettered);
        var letter = await LetterOfAsync("poison-2");
        (await _client.GetGrain<ICustomerGrain>("C-poison-2").GetAsync())?.EventsApplied.Should().Be(0);

        PoisonedEvents.Cure("poison-2");
        var outcome = await Letters.RetryAsync(letter.Id, "ops@test");

        outcome.Letter!.Status.Should().Be(DeadLetterStatus.Retried);
        outcome.Letter.ResolvedBy.Should().Be("ops@test");
        // The retry published the event again, and the router remembers it settled: an event of
        // another customer published after it settles once the retried one was delivered.
        (await _client.PublishAsync(Visit("poison-2-next", "C-poison-2-next", "S-poison-2-next", dealership))).Should().Equal(EventSettlement.Applied);
        var customer = await _client.GetGrain<ICustomerGrain>("C-poison-2").GetAsync();
        customer!.EventsApplied.Should().Be(1);
        customer.Balance.Pending.Should().Be(500);
        (await Letters.RetryAsync(letter.Id, "ops@test")).WasOpen.Should().BeFalse("a closed letter is not retried twice");
    }

    [Fact]
    public async Task A_discarded_dead_letter_is_closed_with_who_discarded_it_and_never_applied()
    {
        const string dealership = "DLR-poison-3";
        PoisonedEvents.Poison("poison-3");
        (await _client.PublishAsync(Visit("poison-3", "C-poison-3", "S-poison-3", dealership))).Should().Equal(EventSettlement.DeadLettered);
        var letter = await LetterOfAsync("poison-3");

        var outcome = await Letters.DiscardAsync(letter.Id, "ops@test");

        outcome.Letter!.Status.Should().Be(DeadLetterStatus.Discarded);
        outcome.Letter.ResolvedBy.Should().Be("ops@test");
        (await Letters.ListAsync(DeadLetterStatus.Open)).Should().NotContain(l => l.Id == letter.Id);
        (await Letters.DiscardAsync(letter.Id, "ops@test")).WasOpen.Should().BeFalse();
        (await Letters.DiscardAsync(long.MaxValue, "ops@test")).Found.Should().BeFalse();
        (await _client.GetGrain<ICustomerGrain>("C-poison-3").GetAsync())?.EventsApplied.Should().Be(0);
    }
}
