namespace Pitstop.Rules.Tests;

/// <summary>A clock for elapsed-time rules that moves only when a test moves it.</summary>
internal sealed class SteppedTime : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
