using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Security;

/// <summary>
/// The configured API keys by their SHA-256, hashed once at start: authentication handlers are made
/// per request, and a network's worth of credentials (a key per DMS, CRM and manager) hashed on
/// every request would cost a hash per configured key.
/// </summary>
public sealed class ApiKeyRing(IOptions<AuthOptions> auth)
{
    private readonly (byte[] Hash, ApiKeyOptions Key)[] _keys = [.. auth.Value.ApiKeys.Select(k => (HashOf(k), k))];

    /// <summary>The key presented, or null. Compared by hash in constant time, against every key.</summary>
    public ApiKeyOptions? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyOptions? match = null;
        // Every key is compared, found or not, so the time taken says nothing about which matched.
        foreach (var (candidate, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                match = key;
            }
        }

        return match;
    }

    private static byte[] HashOf(ApiKeyOptions key) =>
        key.Sha256 is { Length: > 0 } hex ? Convert.FromHexString(hex) : SHA256.HashData(Encoding.UTF8.GetBytes(key.Key ?? ""));
}
