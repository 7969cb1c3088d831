using System.Buffers;
using System.Text;

namespace Pitstop.Api.Validation;

/// <summary>
/// Whether text can be stored as it was sent, in either mode alike: PostgreSQL refuses NUL in
/// <c>text</c> and <c>jsonb</c>, and a lone UTF-16 surrogate has no UTF-8 form (Npgsql throws on
/// it). The other C0 controls are refused with them: storable, but no field of the contract needs
/// them and they garble logs and screens. Tab, CR and LF stay allowed: notes and addresses use them.
/// </summary>
public static class StorableText
{
    public const string Message = "must be valid Unicode text without NUL or control characters (tab, CR and LF allowed)";

    public static bool IsStorable(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            // Rune decoding is the platform's own test for unpaired surrogates.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done
                || (rune.Value < 0x20 && rune.Value is not ('\t' or '\n' or '\r')))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}
