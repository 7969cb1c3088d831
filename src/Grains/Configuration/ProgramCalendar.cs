using System.Collections.Concurrent;
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
    // One string per month, made once: the router, every staff member and every customer name the
    // month of each event they apply (a staff event four times), and formatting it each time was a
    // string and a format call per use.
    private static readonly ConcurrentDictionary<int, string> MonthNames = new();

    public TimeZoneInfo Zone => zone;

    /// <summary>Today in the program's time zone, by the program's clock.</summary>
    public DateOnly Today() => DayOf(clock.GetUtcNow());

    /// <summary>This month in the program's time zone, by the program's clock.</summary>
    public string ThisMonth() => MonthOf(clock.GetUtcNow());

    /// <summary>The day <paramref name="time"/> falls on in the program's time zone.</summary>
    public DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);

    /// <summary>The month <paramref name="time"/> falls in, in the program's time zone: <c>yyyy-MM</c>.</summary>
    public string MonthOf(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return MonthNames.GetOrAdd((local.Year * 100) + local.Month, static (_, local) => local.ToString("yyyy-MM", CultureInfo.InvariantCulture), local);
    }

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
