using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

public class AppliedOffsetsTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static DmsEvent Event(string id, string dealershipId = "DLR-1", DateTimeOffset? occurredAt = null) =>
        new("dms", id, occurredAt ?? Day, dealershipId, new TransactionReversed("dms", "orig-" + id, "duplicate"));

    private static EventPosition At(long sequence, int index = 0) => new(sequence, index);

    [Fact]
    public void Positions_are_ordered_by_sequence_then_by_index_in_the_message()
    {
        (At(4, 9) < At(5, 0)).Should().BeTrue();
        (At(5, 0) < At(5, 1)).Should().BeTrue();
        (At(5, 1) <= At(5, 1)).Should().BeTrue();
        (At(6) > At(5, 1_000)).Should().BeTrue();
    }

    [Fact]
    public void An_event_at_or_before_the_last_position_applied_from_its_stream_was_applied_and_a_later_one_was_not()
    {
        var applied = new AppliedOffsets();
        applied.Advance(Event("e1"), At(10, 0));
        applied.Advance(Event("e2"), At(10, 1));

        applied.HasApplied(Event("e1"), At(10, 0)).Should().BeTrue("a redelivery comes back at the same position");
        applied.HasApplied(Event("e2"), At(10, 1)).Should().BeTrue();
        applied.HasApplied(Event("e3"), At(10, 2)).Should().BeFalse();
        applied.HasApplied(Event("e4"), At(11, 0)).Should().BeFalse();
    }

    [Fact]
    public void Each_dealership_s_stream_has_its_own_offset()
    {
        var applied = new AppliedOffsets();
        applied.Advance(Event("e1", "DLR-1"), At(50));

        applied.HasApplied(Event("e2", "DLR-2"), At(20)).Should().BeFalse("another dealership's stream was not applied at all");
        applied.Advance(Event("e2", "DLR-2"), At(20));
        applied.HasApplied(Event("e3", "DLR-1"), At(30)).Should().BeTrue();
        applied.Streams.Should().Equal(new Dictionary<string, EventPosition> { ["DLR-1"] = At(50), ["DLR-2"] = At(20) });
    }

    [Fact]
    public void An_earlier_position_never_takes_an_offset_back()
    {
        var applied = new AppliedOffsets();
        applied.Advance(Event("e2"), At(12));

        applied.Advance(Event("e1"), At(11));

        applied.Streams["DLR-1"].Should().Be(At(12));
    }

    [Fact]
    public void The_record_does_not_grow_with_traffic()
    {
        var applied = new AppliedOffsets();

        for (var i = 0; i < 10_000; i++)
        {
            applied.Advance(Event($"e{i}"), At(i / 100, i % 100));
        }

        applied.Streams.Should().ContainSingle().Which.Value.Should().Be(At(99, 99));
        applied.RetriesToSkip.Should().BeEmpty();
    }

    [Fact]
    public void The_retry_of_an_event_moved_aside_after_it_was_applied_here_is_skipped_at_its_new_position()
    {
        var applied = new AppliedOffsets();
        var poison = Event("poison");
        applied.Advance(poison, At(7));

        applied.RememberMovedAside(poison, At(7)).Should().BeTrue();
        applied.Advance(Event("next"), At(8));

        applied.HasApplied(poison, At(40)).Should().BeTrue("the grain took it before it was moved aside");
        applied.RememberMovedAside(poison, At(7)).Should().BeFalse("remembered once");
    }

    [Fact]
    public void The_retry_of_an_event_moved_aside_before_it_was_applied_here_is_applied_at_its_new_position()
    {
        var applied = new AppliedOffsets();
        var poison = Event("poison");
        applied.Advance(Event("before"), At(6));

        applied.RememberMovedAside(poison, At(7)).Should().BeTrue();
        applied.Advance(Event("next"), At(8));

        applied.HasApplied(poison, At(40)).Should().BeFalse("the grain never took it: its retry is new here");
        applied.MayHaveApplied(poison.Key).Should().BeFalse("a reversal of an award asked for it takes nothing back");
        applied.RetriesToSkip.Should().BeEmpty();
        applied.Advance(poison, At(40));
        applied.MayHaveApplied(poison.Key).Should().BeTrue("the retry applied it");
    }

    [Fact]
    public void An_event_asked_about_by_key_was_applied_unless_it_was_moved_aside_before_it_was()
    {
        var applied = new AppliedOffsets();
        applied.Advance(Event("taken"), At(3));

        applied.MayHaveApplied(Event("taken").Key).Should().BeTrue();
        applied.MayHaveApplied(Event("never-seen").Key).Should().BeTrue("the stream went past it: its grains applied it");
    }

    [Fact]
    public void A_retry_to_skip_is_forgotten_a_day_after_the_intake_would_reject_its_event()
    {
        var applied = new AppliedOffsets();
        var old = Event("old", occurredAt: Day - IntakeWindow.MaxAge - TimeSpan.FromDays(2));
        var recent = Event("recent", occurredAt: Day - IntakeWindow.MaxAge + TimeSpan.FromDays(1));
        applied.Advance(recent, At(2));
        applied.RememberMovedAside(old, At(1));
        applied.RememberMovedAside(recent, At(2));

        applied.ForgetExpired(Day);

        applied.HasApplied(old, At(3)).Should().BeFalse();
        applied.HasApplied(recent, At(3)).Should().BeTrue();
    }
}
