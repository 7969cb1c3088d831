using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Loyalty;
using Pitstop.Rules.Tests.Intake;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.Configuration;

public class ProgramCalendarTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    // 20:00 UTC on 30 November is 01:30 on 1 December in Kolkata.
    private static readonly DateTimeOffset LastUtcHoursOfNovember = new(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);

    private static ProgramCalendar At(DateTimeOffset now) => new(Kolkata, new ProgramClock(new FixedClock(now)));

    [Fact]
    public void Days_and_months_turn_at_midnight_in_the_program_time_zone()
    {
        var calendar = At(LastUtcHoursOfNovember);

        calendar.DayOf(LastUtcHoursOfNovember).Should().Be(new DateOnly(2026, 12, 1));
        calendar.MonthOf(LastUtcHoursOfNovember).Should().Be("2026-12");
        calendar.MonthOf(new DateTimeOffset(2026, 11, 30, 18, 29, 59, TimeSpan.Zero)).Should().Be("2026-11");
        calendar.Today().Should().Be(new DateOnly(2026, 12, 1));
        calendar.ThisMonth().Should().Be("2026-12");
    }

    [Fact]
    public void A_month_is_named_by_one_string_however_often_and_by_whichever_calendar_it_is_asked()
    {
        var first = At(LastUtcHoursOfNovember).MonthOf(LastUtcHoursOfNovember);

        var again = At(LastUtcHoursOfNovember).MonthOf(LastUtcHoursOfNovember.AddDays(20));

        again.Should().Be("2026-12");
        again.Should().BeSameAs(first, "every event names its month, and a month named once is not formatted again");
    }

    [Fact]
    public void A_dealership_counts_an_event_in_the_program_month_it_occurred_in_not_the_UTC_month() =>
        DealershipMonths.KeyOf("DLR-1", At(LastUtcHoursOfNovember).MonthOf(LastUtcHoursOfNovember)).Should().Be("DLR-1|2026-12");

    [Fact]
    public void A_day_starts_and_ends_at_midnight_in_the_program_time_zone()
    {
        var calendar = At(LastUtcHoursOfNovember);

        calendar.StartOf(new DateOnly(2026, 12, 1)).Should().Be(new DateTimeOffset(2026, 11, 30, 18, 30, 0, TimeSpan.Zero));
        calendar.EndOf(new DateOnly(2026, 12, 31)).Should().Be(new DateTimeOffset(2026, 12, 31, 18, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2027-03", "2027-02")]
    [InlineData("2027-01", "2026-12")]
    public void The_month_before_crosses_years(string month, string before) =>
        ProgramCalendar.PreviousMonth(month).Should().Be(before);

    [Fact]
    public void A_lot_expires_the_day_after_it_was_earned_the_lifetime_later()
    {
        var lots = new LotCalendar(At(LastUtcHoursOfNovember), 24);

        // 28 February 2026 + 1 day = 1 March, + 24 months: 1 March 2028 (not 29 February 2028).
        lots.ExpiryOf(new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero))
            .Should().Be(new DateTimeOffset(2028, 3, 1, 0, 0, 0, TimeSpan.FromHours(5.5)));
    }
}
