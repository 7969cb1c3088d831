using System.Globalization;
using System.Text.RegularExpressions;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The months a dashboard's analytics read: <c>month</c> (yyyy-MM of the program's calendar,
/// default this month) is the month reported, and a trend covers <c>months</c> months ending with it.
/// </summary>
internal static partial class AnalyticsMonths
{
    public const int DefaultMonths = 6;
    public const int MaxMonths = 12;

    /// <summary>The months of the trend, oldest first, ending with the month reported; null with the fields at fault in <paramref name="errors"/>.</summary>
    public static IReadOnlyList<string>? Read(string? month, string? months, string currentMonth, FieldErrors errors)
    {
        month ??= currentMonth;
        var valid = true;
        if (!Month().IsMatch(month))
        {
            errors.Add("month", "must be a month, yyyy-MM");
            valid = false;
        }

        var span = DefaultMonths;
        if (months is not null && (!int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out span) || span is < 1 or > MaxMonths))
        {
            errors.Add("months", $"must be a whole number from 1 to {MaxMonths}");
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        var trend = new List<string> { month };
        while (trend.Count < span)
        {
            trend.Insert(0, ProgramCalendar.PreviousMonth(trend[0]));
        }

        return trend;
    }

    [GeneratedRegex(@"\A\d{4}-(0[1-9]|1[0-2])\z")]
    private static partial Regex Month();
}
