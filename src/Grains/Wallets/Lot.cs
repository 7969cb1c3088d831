using Pitstop.Grains.Configuration;

namespace Pitstop.Grains.Wallets;

/// <summary>Points earned on one day, expiring together (program.md, expiry).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.Lot")]
public sealed record Lot([property: Id(0)] DateTimeOffset ExpiresAt, [property: Id(1)] long Points);

/// <summary>
/// When a lot expires: points earned on a day (program time zone) expire together at the end of
/// that day, the configured number of months later. One lot per day keeps a busy technician's
/// wallet small (a lot per award would be thousands over two years).
/// </summary>
public sealed class LotCalendar(ProgramCalendar calendar, int lifetimeMonths)
{
    // The day after, then the months: a lot earned on 28 February 2026 expires at the start of
    // 1 March 2028, not at the end of 28 February 2028 (29 February).
    public DateTimeOffset ExpiryOf(DateTimeOffset earnedAt) =>
        calendar.StartOf(calendar.DayOf(earnedAt).AddDays(1).AddMonths(lifetimeMonths));
}
