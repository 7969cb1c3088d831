using System.Globalization;

namespace Pitstop.Grains.Configuration;

/// <summary>
/// The program's days and months, in its time zone (<see cref="ProgramOptions.TimeZone"/>): the
/// league's months, a lot's day, a budget's month, a review day and a dealership's month all turn
/// at the same instant. Months are named <c>yyyy-MM</c>. One instance, registered with the
/// program, so the zone is looked up once; its "today" reads the <see cref="ProgramClock"/>.
/// </summary>
public sealed class ProgramCalendar(TimeZoneInfo zone, ProgramClock clock)
{
    public TimeZoneInfo Zone => zone;

    /// <summary>Today in the program's time zone, by the program's clock.</summary>
    public DateOnly Today() => DayOf(clock.GetUtcNow());

    /// <summary>This month in the program's time zone, by the program's clock.</summary>
    public string ThisMonth() => MonthOf(clock.GetUtcNow());

    /// <summary>The day <paramref name="time"/> falls on in the program's time zone.</summary>
    public DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);

    /// <summary>The month <paramref name="time"/> falls in, in the program's time zone: <c>yyyy-MM</c>.</summary>
    public string MonthOf(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The start of <paramref name="day"/> in the program's time zone (the first day of a month starts the month).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The end of <paramref name="day"/> in the program's time zone: the start of the next.</summary>
    public DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    /// <summary>The month before <paramref name="month"/> (<c>yyyy-MM</c>).</summary>
    public static string PreviousMonth(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
