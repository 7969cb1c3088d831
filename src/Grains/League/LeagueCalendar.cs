using Pitstop.Grains.Configuration;

namespace Pitstop.Grains.League;

/// <summary>
/// The league's months: the program's calendar months. A month that has ended is final — points
/// of an event that happened in it but is applied later count in the month it is applied, so past
/// boards never change.
/// </summary>
public sealed class LeagueCalendar(ProgramCalendar calendar)
{
    public string MonthOf(DateTimeOffset time) => calendar.MonthOf(time);

    /// <summary>The month points of an event that happened at <paramref name="occurredAt"/> count in, applied <paramref name="now"/>.</summary>
    public string MonthFor(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        var happened = MonthOf(occurredAt);
        var current = MonthOf(now);
        return string.CompareOrdinal(happened, current) >= 0 ? happened : current;
    }
}
