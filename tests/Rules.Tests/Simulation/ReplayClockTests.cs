using Pitstop.Grains.Simulation;

namespace Pitstop.Rules.Tests.Simulation;

public class ReplayClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_moves_forward_to_each_time_it_is_given_and_never_back()
    {
        var clock = new ReplayClock(Start);

        clock.MoveTo(Start.AddMinutes(5));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(5));

        clock.MoveTo(Start.AddMinutes(2));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(5), "a chunk archived late is applied at the latest time");
    }
}
