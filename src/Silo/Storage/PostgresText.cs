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
        if (text.AsSpan().IndexOf('\0') < 0 && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        var stored = clean.ToString();
        if (stored != text)
        {
            Replaced.Add(1);
        }

        return stored;
    }

    public static string? OfNullable(string? text) => text is null ? null : Of(text);
}
