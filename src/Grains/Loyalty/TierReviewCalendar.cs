using System.Globalization;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The days of the yearly tier review (days of the <see cref="Configuration.ProgramCalendar"/>).
/// Customers are grouped by day of the year; a review date of 29 February falls on 28 February, so
/// every group meets every year.
/// </summary>
public static class TierReviewCalendar
{
    /// <summary>The group of a review date: its month and day ("03-15").</summary>
    public static string DayKey(DateOnly reviewDate) =>
        reviewDate is { Month: 2, Day: 29 } ? "02-28" : reviewDate.ToString("MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// How many review grains share a day's customers. Imported customers are all enrolled on the
    /// day of the import: one list per day made every enrolment of a migration wait on writes of
    /// one growing list. Changing it would leave lists no sweep reads.
    /// </summary>
    public const int Slices = 16;

    /// <summary>The review grain a customer enrols with for a day (<see cref="DayKey"/>).</summary>
    public static string SliceKeyOf(string dayKey, string customerId) => $"{dayKey}|{KeySlices.SliceOf(customerId, Slices)}";

    /// <summary>Every review grain that may list customers of a day: its slices, and the whole-day list of before the slices.</summary>
    public static IEnumerable<string> KeysOf(string dayKey) => [dayKey, .. Enumerable.Range(0, Slices).Select(s => $"{dayKey}|{s}")];

    /// <summary>The first day on or after <paramref name="notBefore"/> that a review date falls on (29 February on the 28th).</summary>
    public static DateOnly NextOn(DateOnly reviewDate, DateOnly notBefore)
    {
        for (var year = notBefore.Year; ; year++)
        {
            var day = reviewDate is { Month: 2, Day: 29 } ? 28 : reviewDate.Day;
            var candidate = new DateOnly(year, reviewDate.Month, day);
            if (candidate >= notBefore)
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// The days a sweep at <paramref name="today"/> reviews after the last one it finished; 29
    /// February is never one. A sweep that missed more than a year (the cluster was down) reviews
    /// the last year's days, each day of the year once.
    /// </summary>
    public static IEnumerable<DateOnly> DaysToSweep(DateOnly? lastSwept, DateOnly today)
    {
        var yearAgo = today.AddYears(-1).AddDays(1);
        var first = lastSwept is { } last ? last.AddDays(1) : today;
        if (first < yearAgo)
        {
            first = yearAgo;
        }

        for (var day = first; day <= today; day = day.AddDays(1))
        {
            if (day is not { Month: 2, Day: 29 })
            {
                yield return day;
            }
        }
    }
}
