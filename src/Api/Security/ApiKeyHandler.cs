using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Security;

/// <summary>
/// <c>X-Api-Key</c> authentication. Keys are compared by their SHA-256 in constant time, so that
/// neither timing nor a configuration that holds only hashes reveals a key.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    private readonly (byte[] Hash, ApiKeyOptions Key)[] _keys = [.. auth.Value.ApiKeys.Select(k => (HashOf(k), k))];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        ApiKeyOptions? match = null;
        // Every key is compared, found or not, so the time taken says nothing about which matched.
        foreach (var (hash, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                match = key;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim> { new(CallerClaims.Subject, match.Name), new(CallerClaims.Role, match.Role) };
        claims.AddRange(match.Dealerships.Select(d => new Claim(CallerClaims.Dealership, d)));
        claims.AddRange(match.States.Select(s => new Claim(CallerClaims.State, s)));
        var identity = new ClaimsIdentity(claims, SchemeName, CallerClaims.Subject, CallerClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static byte[] HashOf(ApiKeyOptions key) =>
        key.Sha256 is { Length: > 0 } hex ? Convert.FromHexString(hex) : SHA256.HashData(Encoding.UTF8.GetBytes(key.Key ?? ""));
}
