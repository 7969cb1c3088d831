using System.Diagnostics.Metrics;
using System.Text;

namespace Pitstop.Silo.Storage;

/// <summary>
/// Text as PostgreSQL can hold it: <c>text</c> and <c>jsonb</c> refuse NUL, and a lone UTF-16
/// surrogate has no UTF-8 form. The intake refuses both at the door; this is the defence behind it,
/// for text that reached a grain another way (an earlier version, a bug): such a character is
/// stored as U+FFFD rather than failing a write that no retry could ever make succeed, which would
/// wedge the grain whose outbox holds it. Each replacement is counted
/// (<c>pitstop.storage.text_replaced</c>, meter <see cref="MeterName"/>), so it is seen.
/// </summary>
public static class PostgresText
{
    public const string MeterName = "Pitstop.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Replaced = Meter.CreateCounter<long>(
        "pitstop.storage.text_replaced", "{value}", "Text values stored with U+FFFD in place of characters PostgreSQL refuses (NUL, lone surrogates)");

    public static string Of(string text)
    {
        if (!NeedsLook(text))
        {
            return text;
        }

        // The platform's UTF-8 round trip turns each lone surrogate into U+FFFD and keeps pairs.
        var stored = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)).Replace('\0', '\uFFFD');
        if (stored != text)
        {
            Replaced.Add(1);
        }

        return stored;
    }

    public static string? OfNullable(string? text) => text is null ? null : Of(text);

    /// <summary>The values of a notification's data as stored: the same dictionary when none needs a replacement.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> data) =>
        data.Values.Any(NeedsLook) ? data.ToDictionary(d => d.Key, d => Of(d.Value)) : data;

    // Surrogate pairs (emoji) also pass through the slow path, and come out unchanged.
    private static bool NeedsLook(string text) =>
        text.AsSpan().IndexOf('\0') >= 0 || text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
}
