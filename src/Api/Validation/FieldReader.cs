using System.Globalization;
using Pitstop.Api.Intake;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Validation;

/// <summary>
/// Reads typed fields out of one JSON object, recording an error per field at fault instead of
/// stopping at the first. Each read returns a placeholder on error; the caller checks
/// <see cref="FieldErrors.IsEmpty"/> before using what it read.
/// </summary>
/// <remarks>
/// Given <paramref name="now"/> (the engine's clock, for events), every time read must lie in the
/// intake window around it (<see cref="EventLimits"/>).
/// </remarks>
internal sealed partial class FieldReader(JsonElement obj, string prefix, FieldErrors errors, DateTimeOffset? now = null)
{
    /// <summary>The bound of every free-text field; the reference data imports hold their columns to it too.</summary>
    public const int MaxTextLength = 1_000;
    private const int MaxIdsPerList = 12;

    public string Id(string name) => OptionalId(name) ?? Missing(name, "");

    public string? OptionalId(string name)
    {
        var value = OptionalString(name);
        if (value is not null && !IdRules.IsId(value))
        {
            errors.Add(Path(name), IdRules.IdMessage);
        }

        return value;
    }

    public string Source(string name)
    {
        var value = OptionalString(name) ?? Missing(name, "");
        if (value.Length > 0 && !IdRules.IsSource(value))
        {
            errors.Add(Path(name), IdRules.SourceMessage);
        }

        return value;
    }

    public IReadOnlyList<string> Ids(string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? Missing<string[]>(name, []) : [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Path(name), "must be an array of ids");
            return [];
        }

        // A job card names a handful of people. The bound also caps the awards one event can cause
        // (EventRouterGrain.EventsPerChunk relies on it).
        if (element.GetArrayLength() > MaxIdsPerList)
        {
            errors.Add(Path(name), $"must hold at most {MaxIdsPerList} ids");
            return [];
        }

        var ids = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !TryGetText(item, out var id) || !IdRules.IsId(id))
            {
                errors.Add($"{Path(name)}[{index}]", IdRules.IdMessage);
            }
            else
            {
                ids.Add(id);
            }

            index++;
        }

        return ids;
    }

    public string Text(string name) => OptionalText(name) ?? Missing(name, "");

    public string? OptionalText(string name)
    {
        var value = OptionalString(name);
        if (value is not null && (value.Length == 0 || value.Length > MaxTextLength))
        {
            errors.Add(Path(name), $"must be 1-{MaxTextLength} characters");
        }

        return value;
    }

    /// <summary>A time that has happened: in the intake window when reading an event.</summary>
    public DateTimeOffset Time(string name) => Time(name, IntakeWindow.MaxFuture, EventLimits.FutureMessage);

    /// <summary>A time promised: like <see cref="Time(string)"/>, but it may lie further ahead.</summary>
    public DateTimeOffset PromisedTime(string name) => Time(name, EventLimits.MaxPromiseAhead, EventLimits.PromiseMessage);

    /// <summary>Any instant, past or future (a program version's start, a pilot's end).</summary>
    public DateTimeOffset Instant(string name) => ReadTime(name);

    private DateTimeOffset Time(string name, TimeSpan maxAhead, string aheadMessage)
    {
        var time = ReadTime(name);
        if (now is { } clock && !errors.Has(Path(name)))
        {
            if (time > clock + maxAhead)
            {
                errors.Add(Path(name), aheadMessage);
            }
            else if (time < clock - IntakeWindow.MaxAge)
            {
                errors.Add(Path(name), EventLimits.AgeMessage);
            }
        }

        return time;
    }

    private DateTimeOffset ReadTime(string name)
    {
        var value = OptionalString(name);
        if (value is null)
        {
            return Missing(name, DateTimeOffset.MinValue);
        }

        if (!Rfc3339().IsMatch(value) ||
            !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(Path(name), "must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T17:00:00+05:30");
            return DateTimeOffset.MinValue;
        }

        return time;
    }

    /// <summary>Whether <paramref name="value"/> is written as RFC 3339 with an offset (<c>Z</c> or <c>+05:30</c>), as every time of the API must be.</summary>
    public static bool IsRfc3339(string value) => Rfc3339().IsMatch(value);

    public bool Bool(string name)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Missing(name, false);
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(Path(name), "must be true or false");
            return false;
        }

        return element.GetBoolean();
    }

    public bool OptionalBool(string name, bool fallback) =>
        obj.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null ? Bool(name) : fallback;

    public int Int(string name, int min, int max)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Missing(name, 0);
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < min || value > max)
        {
            errors.Add(Path(name), $"must be a whole number {min}..{max}");
            return 0;
        }

        return value;
    }

    public int? OptionalInt(string name, int min, int max) =>
        obj.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null ? Int(name, min, max) : null;

    /// <summary>A whole number <paramref name="min"/>..<paramref name="max"/> that may exceed an int (a feed position); null when absent.</summary>
    public long? OptionalLong(string name, long min, long max)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value) || value < min || value > max)
        {
            errors.Add(Path(name), $"must be a whole number {min}..{max}");
            return null;
        }

        return value;
    }

    /// <summary>An optional array of at most <paramref name="max"/> distinct strings, each one of <paramref name="allowed"/>; empty when absent.</summary>
    public IReadOnlyList<string> Words(string name, IReadOnlySet<string> allowed, string message, int max)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > max)
        {
            errors.Add(Path(name), $"must be an array of at most {max} strings");
            return [];
        }

        var words = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !TryGetText(item, out var word) || !allowed.Contains(word))
            {
                errors.Add($"{Path(name)}[{index}]", message);
            }
            else if (words.Contains(word))
            {
                errors.Add($"{Path(name)}[{index}]", "is listed twice");
            }
            else
            {
                words.Add(word);
            }

            index++;
        }

        return words;
    }

    /// <summary>An amount of INR: a number, 0 to <see cref="EventLimits.MaxAmount"/>, at most 2 decimals.</summary>
    public decimal Money(string name)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Missing(name, 0m);
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var value)
            || value < 0 || value > EventLimits.MaxAmount || value != decimal.Round(value, 2))
        {
            errors.Add(Path(name), EventLimits.AmountMessage);
            return 0m;
        }

        return value;
    }

    public T Choice<T>(string name, WireVocabulary<T> vocabulary)
        where T : struct, Enum
    {
        var value = OptionalString(name);
        if (value is null)
        {
            return Missing(name, default(T));
        }

        if (!vocabulary.TryParse(value, out var parsed))
        {
            errors.Add(Path(name), $"must be one of {vocabulary.Spellings}");
        }

        return parsed;
    }

    public T? OptionalChoice<T>(string name, WireVocabulary<T> vocabulary)
        where T : struct, Enum =>
        obj.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null ? Choice(name, vocabulary) : null;

    /// <summary>A list of distinct choices (at most <paramref name="max"/>), in the order given; absent is empty.</summary>
    public IReadOnlyList<T> Choices<T>(string name, WireVocabulary<T> vocabulary, int max)
        where T : struct, Enum
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > max)
        {
            errors.Add(Path(name), $"must be an array of at most {max} of {vocabulary.Spellings}");
            return [];
        }

        var values = new List<T>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !TryGetText(item, out var text) || !vocabulary.TryParse(text, out var value))
            {
                errors.Add($"{Path(name)}[{index}]", $"must be one of {vocabulary.Spellings}");
            }
            else if (values.Contains(value))
            {
                errors.Add($"{Path(name)}[{index}]", "is listed twice");
            }
            else
            {
                values.Add(value);
            }

            index++;
        }

        return values;
    }

    /// <summary>A calendar date, yyyy-MM-dd; null when absent.</summary>
    public DateOnly? OptionalDate(string name)
    {
        var value = OptionalString(name);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(Path(name), "must be a date, yyyy-MM-dd");
            return null;
        }

        return date;
    }

    public void Error(string name, string message) => errors.Add(Path(name), message);

    /// <summary>Whether <paramref name="name"/> already has an error, so that a further check of its placeholder adds none.</summary>
    public bool Has(string name) => errors.Has(Path(name));

    private string? OptionalString(string name)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(Path(name), "must be a string");
            return "";
        }

        if (!TryGetText(element, out var text))
        {
            errors.Add(Path(name), "must be valid Unicode text (UTF-8, no unpaired surrogate escapes)");
            return "";
        }

        // Every string field of every body passes here: the one place that keeps out what storage cannot hold.
        if (!StorableText.IsStorable(text))
        {
            errors.Add(Path(name), StorableText.Message);
        }

        return text;
    }

    /// <summary>
    /// The string's text, or false when it cannot be decoded: JsonDocument checks neither the UTF-8
    /// inside strings nor that \u escapes pair their surrogates, and GetString throws on either.
    /// </summary>
    private static bool TryGetText(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private T Missing<T>(string name, T placeholder)
    {
        errors.Add(Path(name), "is required");
        return placeholder;
    }

    private string Path(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+\-]\d{2}:\d{2})\z")]
    private static partial Regex Rfc3339();
}
