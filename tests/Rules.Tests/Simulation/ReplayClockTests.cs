using Pitstop.Grains.Simulation;

namespace Pitstop.Rules.Tests.Simulation;

public class ReplayClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_chunks_flow_reads_the_time_it_was_applied_at_while_other_flows_read_their_own()
    {
        var clock = new ReplayClock(Start);
        using var bothSet = new Barrier(2);

        var seen = await Task.WhenAll(ReadAsync(Start.AddMinutes(5)), ReadAsync(Start.AddMinutes(2)));

        seen.Should().Equal(Start.AddMinutes(5), Start.AddMinutes(2));

        Task<DateTimeOffset> ReadAsync(DateTimeOffset appliedAt) => Task.Run(() =>
        {
            clock.AppliedAt(appliedAt);
            // Both flows have set their time before either reads it.
            bothSet.SignalAndWait(TimeSpan.FromSeconds(10));
            return clock.GetUtcNow();
        });
    }

    [Fact]
    public async Task Work_no_chunk_started_reads_the_latest_time_handed_out_which_never_goes_back()
    {
        var clock = new ReplayClock(Start);
        clock.GetUtcNow().Should().Be(Start);

        await Task.Run(() => clock.AppliedAt(Start.AddMinutes(5)));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(5));

        await Task.Run(() => clock.AppliedAt(Start.AddMinutes(2)));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(5), "a chunk archived late is applied at its own time without moving the clock back");
    }
}
