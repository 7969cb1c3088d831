namespace Pitstop.Grains;

/// <summary>
/// Time arithmetic that stops at the ends of the calendar instead of throwing. Intake keeps every
/// time of an event near the present, but records stored before it did (an incident resolved at
/// 9999-12-31T23:59:59Z) are still read: a deadline past the calendar's end is simply never reached.
/// </summary>
public static class ClampedTime
{
    // Near the ends both the instant and its clock time at its offset must stay in range: the
    // platform's own range check knows both, so it is asked rather than repeated here.
    public static DateTimeOffset Plus(this DateTimeOffset at, TimeSpan span)
    {
        try
        {
            return at + span;
        }
        catch (ArgumentOutOfRangeException)
        {
            return span >= TimeSpan.Zero ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
        }
    }

    public static DateTimeOffset PlusDays(this DateTimeOffset at, int days) => at.Plus(TimeSpan.FromDays(days));

    public static DateTimeOffset PlusMonths(this DateTimeOffset at, int months)
    {
        try
        {
            return at.AddMonths(months);
        }
        catch (ArgumentOutOfRangeException)
        {
            return months >= 0 ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
        }
    }
}
