using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Security;

/// <summary>
/// <c>X-Api-Key</c> authentication. Keys are compared by their SHA-256 in constant time
/// (<see cref="ApiKeyRing"/>), so that neither timing nor a configuration that holds only hashes
/// reveals a key.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = keys.Find(values.ToString());
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
}
