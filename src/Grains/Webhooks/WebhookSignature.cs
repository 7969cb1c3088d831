using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pitstop.Grains.Webhooks;

/// <summary>
/// How a delivery is signed (docs/api.md, webhooks): <c>v1=</c> and the lower-case hex of
/// HMAC-SHA256(secret, "{timestamp}.{body}"), the timestamp in unix seconds. Signing the timestamp
/// with the body lets a receiver refuse a captured delivery replayed later (<see cref="ReplayWindow"/>);
/// the notification id lets it drop a repeat of one it has already taken.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Pitstop-Webhook-Id";
    public const string TimestampHeader = "Pitstop-Webhook-Timestamp";
    public const string SignatureHeader = "Pitstop-Webhook-Signature";
    private const string Version = "v1=";

    /// <summary>How old a delivery's timestamp a receiver should still accept.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}"));
        return Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>
    /// What a receiver checks: the signature matches (compared in constant time) and the timestamp is
    /// within <see cref="ReplayWindow"/> of <paramref name="now"/>, either way.
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (signatureHeader is null || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (age.Duration() > ReplayWindow)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signatureHeader));
    }
}
