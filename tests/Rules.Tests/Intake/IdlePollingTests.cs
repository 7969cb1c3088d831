using Pitstop.Silo.Streams;

namespace Pitstop.Rules.Tests.Intake;

public class IdlePollingTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Ceiling = TimeSpan.FromMilliseconds(160);

    private readonly SteppedTime _time = new();

    [Fact]
    public void A_partition_with_messages_is_polled_every_time()
    {
        var idle = new IdlePolling(Floor, Ceiling, _time);

        idle.ShouldPoll().Should().BeTrue();
        idle.Found(3);
        idle.ShouldPoll().Should().BeTrue();
    }

    [Fact]
    public void An_empty_partition_is_asked_again_after_pauses_that_double_up_to_the_ceiling()
    {
        var idle = new IdlePolling(Floor, Ceiling, _time);
        var pauses = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            idle.Found(0);
            var waited = 0;
            while (!idle.ShouldPoll())
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
                waited++;
            }

            pauses.Add(waited);
        }

        pauses.Should().Equal(20, 40, 80, 160, 160, 160);
    }

    [Fact]
    public void The_first_message_found_ends_the_pause()
    {
        var idle = new IdlePolling(Floor, Ceiling, _time);
        idle.Found(0);
        idle.Found(0);
        _time.Advance(TimeSpan.FromMilliseconds(40));

        idle.Found(1);

        idle.ShouldPoll().Should().BeTrue();
        idle.Found(0);
        idle.ShouldPoll().Should().BeFalse("the pause starts again from its floor");
        _time.Advance(Floor);
        idle.ShouldPoll().Should().BeTrue();
    }
}
