using System.Security.Cryptography;
using System.Text;

namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// A customer's referral code (issue 24, item 11): "REF-" and eight Crockford base-32 characters of
/// a SHA-256 of the customer id. It is derived, not stored, so every API node issues and checks the
/// same code with no grain call, and it does not show the customer id to whoever the code is shared
/// with. It is a guard against a conversion credited to the wrong referrer, not a secret: anyone who
/// knows this function and an id can compute it. Self-contained (no Orleans) because the load
/// generator links this file to send conversions the engine accepts.
/// </summary>
public static class ReferralCodes
{
    public const string Prefix = "REF-";

    // Crockford's alphabet leaves out I, L, O and U so that a code read aloud or retyped is not misread.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    // Names the purpose in the hash, so the code is not the hash of the bare id some other feature may use.
    private const string Domain = "pitstop.referral-code:";

    /// <summary>The referral code of <paramref name="customerId"/>.</summary>
    public static string For(string customerId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Domain + customerId), hash);

        // 40 bits: eight characters of five bits; a mistyped code matches another customer's 1 time in 2^40.
        var bits = ((ulong)hash[0] << 32) | ((ulong)hash[1] << 24) | ((ulong)hash[2] << 16) | ((ulong)hash[3] << 8) | hash[4];
        Span<char> code = stackalloc char[Prefix.Length + 8];
        Prefix.CopyTo(code);
        for (var i = 0; i < 8; i++)
        {
            code[Prefix.Length + i] = Alphabet[(int)((bits >> (35 - (5 * i))) & 31)];
        }

        return new string(code);
    }

    /// <summary>
    /// Whether <paramref name="code"/> is the referral code of <paramref name="customerId"/>. Case is
    /// ignored: a code typed by hand into a CRM in lower case is still the customer's code.
    /// </summary>
    public static bool IsCodeOf(string code, string customerId) =>
        string.Equals(code, For(customerId), StringComparison.OrdinalIgnoreCase);
}
