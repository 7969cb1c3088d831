using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Pitstop.Api.Security;

/// <summary>
/// The <c>Auth</c> configuration section (api.md): API keys for machine clients, the JWT keys
/// (HS256 secret, RS256 public key) for people. Nothing here has a default: an engine without keys answers 401 to every call.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public JwtOptions Jwt { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public FailedAuthenticationOptions FailedAuthentications { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            var at = $"Auth:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                yield return new ValidationResult($"{at}:Name is required.");
            }

            if (string.IsNullOrEmpty(key.Key) == string.IsNullOrEmpty(key.Sha256))
            {
                yield return new ValidationResult($"{at} needs exactly one of Key or Sha256.");
            }

            if (key.Key is { Length: < 16 })
            {
                yield return new ValidationResult($"{at}:Key must be at least 16 characters.");
            }

            if (key.Sha256 is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
            {
                yield return new ValidationResult($"{at}:Sha256 must be 64 hexadecimal digits.");
            }

            if (!Roles.All.Contains(key.Role))
            {
                yield return new ValidationResult($"{at}:Role must be one of {string.Join(", ", Roles.All)}.");
            }

            // A viewer key is a member's own credential: its name is its subject, with the kind.
            if (key.Role == Roles.Viewer && MemberSubject.Of(key.Name) is null)
            {
                yield return new ValidationResult($"{at}:Name of a viewer key must be customer:<id> or staff:<id>.");
            }
        }

        if (FailedAuthentications.PermitLimit is < 1 or > 1_000_000)
        {
            yield return new ValidationResult("Auth:FailedAuthentications:PermitLimit must be 1 to 1,000,000.");
        }

        if (FailedAuthentications.Window < TimeSpan.FromSeconds(1) || FailedAuthentications.Window > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Auth:FailedAuthentications:Window must be 1 second to 1 day.");
        }

        if (Jwt.SigningKey is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult("Auth:Jwt:SigningKey must be at least 32 characters (HS256).");
        }

        if (Jwt.PublicKeyPem is { Length: > 0 } pem)
        {
            var (key, error) = JwtOptions.ReadPublicKey(pem);
            key?.Dispose();
            if (error is not null)
            {
                yield return new ValidationResult($"Auth:Jwt:PublicKeyPem {error}");
            }
        }
    }
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    /// <summary>The key itself; or give <see cref="Sha256"/> so that configuration never holds it.</summary>
    public string? Key { get; set; }

    public string? Sha256 { get; set; }

    public string Role { get; set; } = "";

    public List<string> Dealerships { get; set; } = [];

    public List<string> States { get; set; } = [];

    /// <summary>This credential's own request rate, instead of <see cref="RateLimitOptions.PermitsPerSecond"/>.</summary>
    [Range(1, 100_000)]
    public int? PermitsPerSecond { get; set; }
}

/// <summary>
/// Requests per second per credential, with bursts of <see cref="BurstSeconds"/> seconds' worth.
/// The default carries a DMS posting 1,000-event batches at well over the network's peak.
/// </summary>
public sealed class RateLimitOptions
{
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 200;

    [Range(1, 60)]
    public int BurstSeconds { get; set; } = 2;
}

/// <summary>
/// Credential guessing (api.md, limits): at most <see cref="PermitLimit"/> failed authentications per
/// client address in each <see cref="Window"/>; past them, the address's requests that present a
/// credential are answered 429 until the window ends. Twenty a minute lets a person mistype and a
/// misconfigured client be noticed, and holds a guesser to under 30,000 tries a day.
/// </summary>
public sealed class FailedAuthenticationOptions
{
    public int PermitLimit { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class JwtOptions
{
    /// <summary>HS256 signing key; HS256 tokens are refused while it is empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The identity provider's RSA public key (PEM, <c>BEGIN PUBLIC KEY</c>): tokens it signs with
    /// RS256 are accepted beside HS256 ones. The provider keeps the private key; the engine never needs it.
    /// </summary>
    public string? PublicKeyPem { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The RSA key a PEM holds, or why it is refused: only a public key, of 2048 bits or more.</summary>
    public static (RSA? Key, string? Error) ReadPublicKey(string pem)
    {
        // A private key would be accepted by ImportFromPem too; refusing it keeps a secret the engine
        // does not need out of its configuration.
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not ("PUBLIC KEY" or "RSA PUBLIC KEY"))
        {
            return (null, "must be a PEM public key (-----BEGIN PUBLIC KEY-----).");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            return (null, "is not an RSA public key.");
        }

        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            return (null, "must be an RSA key of at least 2048 bits.");
        }

        return (rsa, null);
    }
}
