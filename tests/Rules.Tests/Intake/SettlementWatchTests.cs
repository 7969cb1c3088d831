using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

public class SettlementWatchTests
{
    private static readonly IReadOnlySet<EventKey> NoneMovedAside = new HashSet<EventKey>();

    private readonly SteppedTime _time = new();

    private static DmsEvent Event(string id) =>
        new("dms", id, new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), "DLR-1", new TransactionReversed("dms", "orig-" + id, "duplicate"));

    private static EventKey[] Keys(params string[] ids) => [.. ids.Select(id => new EventKey("dms", id))];

    [Fact]
    public async Task A_waiting_client_is_let_go_once_every_key_it_waits_for_is_delivered_and_learns_which_were_moved_aside()
    {
        var watch = new SettlementWatch(_time);
        watch.Expect(Keys("e-1", "e-2", "e-3"));

        var waiting = watch.WaitAsync(Keys("e-1", "e-2", "e-3"), TimeSpan.FromMinutes(5));
        watch.Settled([Event("e-1")], NoneMovedAside);
        waiting.IsCompleted.Should().BeFalse("e-2 and e-3 are still pending");
        watch.Settled([Event("e-2"), Event("e-3")], new HashSet<EventKey>(Keys("e-3")));

        (await waiting).Should().Equal(EventSettlement.Applied, EventSettlement.Applied, EventSettlement.DeadLettered);
    }

    [Fact]
    public async Task Without_time_to_wait_the_keys_not_delivered_yet_are_pending_and_those_nobody_expected_unknown()
    {
        var watch = new SettlementWatch(_time);
        watch.Expect(Keys("e-1", "e-2"));
        watch.Settled([Event("e-1"), Event("e-9")], NoneMovedAside);

        (await watch.WaitAsync(Keys("e-1", "e-2", "e-9"), TimeSpan.Zero))
            .Should().Equal(EventSettlement.Applied, EventSettlement.Pending, EventSettlement.Unknown);
    }

    [Fact]
    public async Task A_key_expected_again_after_its_delivery_stays_settled_and_a_retried_dead_letter_settles_as_applied()
    {
        var watch = new SettlementWatch(_time);
        watch.Expect(Keys("e-1", "e-2"));
        watch.Settled([Event("e-1"), Event("e-2")], new HashSet<EventKey>(Keys("e-2")));

        watch.Expect(Keys("e-1"));
        watch.Settled([Event("e-2")], NoneMovedAside);

        (await watch.WaitAsync(Keys("e-1", "e-2"), TimeSpan.FromMinutes(5)))
            .Should().Equal(EventSettlement.Applied, EventSettlement.Applied);
    }

    [Fact]
    public async Task Keys_are_remembered_for_the_memory_and_forgotten_after_twice_as_long_without_being_touched()
    {
        var watch = new SettlementWatch(_time);
        watch.Expect(Keys("e-1"));
        watch.Settled([Event("e-1")], NoneMovedAside);

        _time.Advance(SettlementWatch.Memory);
        (await watch.WaitAsync(Keys("e-1"), TimeSpan.Zero)).Should().Equal(EventSettlement.Applied);
        _time.Advance(SettlementWatch.Memory);
        (await watch.WaitAsync(Keys("e-1"), TimeSpan.Zero)).Should().Equal(EventSettlement.Unknown);
    }
}
