using System.Globalization;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

public class TierReviewCalendarTests
{
    [Fact]
    public void A_review_date_groups_by_month_and_day_and_29_february_falls_on_the_28th()
    {
        TierReviewCalendar.DayKey(new DateOnly(2027, 3, 5)).Should().Be("03-05");
        TierReviewCalendar.DayKey(new DateOnly(2028, 2, 29)).Should().Be("02-28");
    }

    [Fact]
    public void A_day_s_customers_spread_over_its_slices_and_the_sweep_reads_every_slice_and_the_whole_day_list()
    {
        var customers = Enumerable.Range(0, 2_000).Select(i => $"C-{i}").ToList();
        var keys = TierReviewCalendar.KeysOf("03-05").ToList();

        keys.Should().OnlyHaveUniqueItems().And.HaveCount(TierReviewCalendar.Slices + 1).And.Contain("03-05");
        var used = customers.Select(c => TierReviewCalendar.SliceKeyOf("03-05", c)).ToList();
        used.Should().OnlyContain(key => keys.Contains(key) && key != "03-05");
        used.Distinct().Should().HaveCount(TierReviewCalendar.Slices, "2,000 customers reach every slice");
        used.Should().Equal(customers.Select(c => TierReviewCalendar.SliceKeyOf("03-05", c)), "a customer's slice never changes");
        // The same in every process and release: FNV-1a of "C-0" is 0x2DBC0E07, whose remainder by 16 is 7.
        // (string.GetHashCode differs per process, and lists already stored would no longer be found.)
        TierReviewCalendar.SliceKeyOf("03-05", "C-0").Should().Be("03-05|7");
    }

    [Fact]
    public void The_first_sweep_reviews_today_only()
    {
        var today = new DateOnly(2026, 11, 23);
        TierReviewCalendar.DaysToSweep(null, today).Should().Equal(today);
    }

    [Fact]
    public void A_sweep_catches_up_the_days_since_the_last_and_skips_29_february()
    {
        var days = TierReviewCalendar.DaysToSweep(new DateOnly(2028, 2, 27), new DateOnly(2028, 3, 2)).ToList();
        days.Should().Equal(new DateOnly(2028, 2, 28), new DateOnly(2028, 3, 1), new DateOnly(2028, 3, 2));
        TierReviewCalendar.DaysToSweep(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)).Should().BeEmpty();
    }

    [Fact]
    public void A_sweep_after_years_down_reviews_each_day_of_the_last_year_once()
    {
        var days = TierReviewCalendar.DaysToSweep(new DateOnly(2020, 1, 1), new DateOnly(2026, 11, 23)).ToList();
        days.Select(TierReviewCalendar.DayKey).Should().OnlyHaveUniqueItems().And.HaveCount(365);
        days[^1].Should().Be(new DateOnly(2026, 11, 23));
    }

    [Theory]
    [InlineData("2027-03-31", "2026-11-24", "2027-03-31")]
    [InlineData("2026-11-24", "2026-11-25", "2027-11-24")]
    [InlineData("2020-11-24", "2026-11-24", "2026-11-24")]
    [InlineData("2028-02-29", "2027-01-01", "2027-02-28")]
    [InlineData("2028-02-29", "2028-02-28", "2028-02-28")]
    public void The_next_review_is_the_first_day_of_the_review_date_on_or_after_a_day(string reviewDate, string notBefore, string expected) =>
        TierReviewCalendar.NextOn(DateOnly.Parse(reviewDate, CultureInfo.InvariantCulture), DateOnly.Parse(notBefore, CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(expected, CultureInfo.InvariantCulture));
}
