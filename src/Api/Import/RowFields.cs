using System.Globalization;
using Pitstop.Api.Intake;
using Pitstop.Api.Validation;

namespace Pitstop.Api.Import;

/// <summary>
/// Reads typed values out of one CSV row, recording an error per column at fault instead of
/// stopping at the first (as <see cref="FieldReader"/> does for JSON). An empty field is an absent
/// value. Each read returns a placeholder on error; the caller checks the errors before using it.
/// </summary>
internal sealed class RowFields(CsvRow row, ImportColumns columns, FieldErrors errors)
{
    public string? Raw(string column) => columns.Value(row, column);

    public string Id(string column)
    {
        var value = Required(column);
        if (value is not null && !IdRules.IsId(value))
        {
            errors.Add(column, IdRules.IdMessage);
        }

        return value ?? "";
    }

    public string Text(string column, int maxLength) => Required(column) is { } value ? Checked(column, value, maxLength) : "";

    public string? OptionalText(string column, int maxLength) => Raw(column) is { } value ? Checked(column, value, maxLength) : null;

    /// <summary>A whole number written in digits only (no sign, no separators, no exponent).</summary>
    public long WholeNumber(string column, long min, long max)
    {
        var value = Required(column);
        if (value is null)
        {
            return 0;
        }

        if (value.Length > 18 || !value.All(char.IsAsciiDigit)
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add(column, $"must be a whole number {min.ToString("N0", CultureInfo.InvariantCulture)}..{max.ToString("N0", CultureInfo.InvariantCulture)}, in digits only");
            return 0;
        }

        return number;
    }

    public DateOnly? OptionalDate(string column)
    {
        var value = Raw(column);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(column, "must be a date, yyyy-MM-dd");
            return null;
        }

        return date;
    }

    /// <summary>An RFC 3339 time with offset, or a date (yyyy-MM-dd) read as the start of that day by <paramref name="startOfDay"/>.</summary>
    public DateTimeOffset? OptionalTimeOrDate(string column, Func<DateOnly, DateTimeOffset> startOfDay)
    {
        var value = Raw(column);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return startOfDay(date);
        }

        if (FieldReader.IsRfc3339(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(column, "must be an RFC 3339 time with offset (2019-04-01T10:30:00+05:30) or a date (2019-04-01)");
        return null;
    }

    /// <summary>One value of <paramref name="vocabulary"/>, spelt as on the wire.</summary>
    public T Choice<T>(string column, WireVocabulary<T> vocabulary)
        where T : struct, Enum
    {
        var value = Required(column);
        if (value is null)
        {
            return default;
        }

        if (!vocabulary.TryParse(value, out var choice))
        {
            errors.Add(column, $"must be one of {vocabulary.Spellings}");
        }

        return choice;
    }

    /// <summary>Distinct choices separated by <c>;</c>, in the order given; absent is none.</summary>
    public IReadOnlyList<T> Choices<T>(string column, WireVocabulary<T> vocabulary)
        where T : struct, Enum
    {
        var value = Raw(column);
        if (value is null)
        {
            return [];
        }

        var choices = new List<T>();
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries))
        {
            if (!vocabulary.TryParse(part, out var choice))
            {
                errors.Add(column, $"must be ;-separated values of {vocabulary.Spellings}");
                return [];
            }

            if (choices.Contains(choice))
            {
                errors.Add(column, $"lists {part} twice");
                return [];
            }

            choices.Add(choice);
        }

        return choices;
    }

    public void Error(string column, string message) => errors.Add(column, message);

    private string? Required(string column)
    {
        var value = Raw(column);
        if (value is null)
        {
            errors.Add(column, "is required");
        }

        return value;
    }

    /// <summary>A free-text column: ids, numbers, dates and choices keep out control characters by their own rules.</summary>
    private string Checked(string column, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(column, $"must be at most {maxLength} characters");
        }

        if (!StorableText.IsStorable(value))
        {
            errors.Add(column, StorableText.Message);
        }

        return value;
    }
}
