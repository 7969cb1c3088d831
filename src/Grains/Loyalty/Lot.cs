namespace Pitstop.Grains.Loyalty;

/// <summary>Points earned on one day, expiring together (program.md, expiry).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.Lot")]
public sealed record Lot([property: Id(0)] DateTimeOffset ExpiresAt, [property: Id(1)] long Points);

/// <summary>
/// When a lot expires: points earned on a day (program time zone) expire together at the end of
/// that day, the configured number of months later. One lot per day keeps a busy technician's
/// wallet small (a lot per award would be thousands over two years).
/// </summary>
public sealed class LotCalendar(TimeZoneInfo zone, int lifetimeMonths)
{
    public DateTimeOffset ExpiryOf(DateTimeOffset earnedAt)
    {
        var local = TimeZoneInfo.ConvertTime(earnedAt, zone);
        var endOfDay = local.Date.AddDays(1).AddMonths(lifetimeMonths);
        return new DateTimeOffset(endOfDay, zone.GetUtcOffset(endOfDay));
    }

    /// <summary>The end of <paramref name="day"/> in the program's time zone: when a lot given that expiry date expires.</summary>
    public DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    /// <summary>The start of <paramref name="day"/> in the program's time zone.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The day <paramref name="time"/> falls on in the program's time zone.</summary>
    public DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
}
