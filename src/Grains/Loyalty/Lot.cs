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
}
