using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Pitstop.Api.Security;

/// <summary>Authentication (API keys, JWT bearer) and the role policies of api.md.</summary>
public static class SecurityWiring
{
    private const string Either = "ApiKeyOrBearer";

    public static WebApplicationBuilder AddPitstopSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var jwt = builder.Configuration.GetSection($"{AuthOptions.Section}:Jwt").Get<JwtOptions>() ?? new JwtOptions();

        builder.Services.AddAuthentication(Either)
            // A request with an API key is judged by it; anything else is a bearer token or nothing.
            .AddPolicyScheme(Either, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = jwt.Issuer is not null,
                    ValidIssuer = jwt.Issuer,
                    ValidateAudience = jwt.Audience is not null,
                    ValidAudience = jwt.Audience,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKeys = SigningKeys(jwt),
                    // Each key checks only its own algorithm, so an HS256 token cannot be signed with the
                    // (public) RSA key as its secret; unsigned tokens (alg none) are refused as well.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256],
                    NameClaimType = CallerClaims.Subject,
                    RoleClaimType = CallerClaims.Role,
                };
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = ViewerTokens.RefuseWithoutKindAsync,
                    OnChallenge = ViewerTokens.ExplainRefusalAsync,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Ingest, p => p.RequireRole(Roles.Ingest, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ScopedRead, p => p.RequireRole(Roles.ScopedReaders))
            .AddPolicy(Policies.MemberRead, p => p.RequireRole([.. Roles.ScopedReaders, Roles.Viewer]))
            // Every scoped reader and cx (api.md); the feed route filters it to the caller's scope.
            .AddPolicy(Policies.Notifications, p => p.RequireRole(Roles.RecoveryReaders))
            .AddPolicy(Policies.RecoveryRead, p => p.RequireRole(Roles.RecoveryReaders))
            .AddPolicy(Policies.LeagueRead, p => p.RequireRole(Roles.LeagueReaders))
            .AddPolicy(Policies.SpotAwards, p => p.RequireRole(Roles.SpotAwardGivers))
            .AddPolicy(Policies.PinSetters, p => p.RequireRole(Roles.PinSetters))
            .AddPolicy(Policies.FollowUps, p => p.RequireRole(Roles.FollowUpAgents))
            .AddPolicy(Policies.IncidentNote, p => p.RequireRole(Roles.IncidentNoteWriters));
        builder.Services.AddSingleton<Access>();
        builder.Services.AddSingleton<ApiKeyRing>();
        builder.Services.AddSingleton<FailedAuthentications>();
        builder.Services.AddSingleton<AuthenticationMetrics>();
        return builder;
    }

    private static List<SecurityKey> SigningKeys(JwtOptions jwt)
    {
        // No HS256 key configured: no HS256 token can be valid.
        var keys = new List<SecurityKey>
        {
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey is { Length: > 0 } key ? key : Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))),
        };
        // The key lives as long as the app; start-up validation has already refused a PEM it cannot read.
        if (jwt.PublicKeyPem is { Length: > 0 } pem && JwtOptions.ReadPublicKey(pem).Key is { } rsa)
        {
            keys.Add(new RsaSecurityKey(rsa));
        }

        return keys;
    }

    /// <summary>An engine with no credential answers 401 to everything: say how to add one, once, at start.</summary>
    public static void WarnWhenNoCredentials(this WebApplication app)
    {
        var auth = app.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.ApiKeys.Count == 0 && string.IsNullOrEmpty(auth.Jwt.SigningKey) && string.IsNullOrEmpty(auth.Jwt.PublicKeyPem))
        {
            app.Logger.LogWarning(
                "No credentials are configured, so every /api call answers 401. Add an API key, e.g. " +
                "Auth__ApiKeys__0__Name=me Auth__ApiKeys__0__Role=admin Auth__ApiKeys__0__Key=$(openssl rand -hex 24), " +
                "and send it as the X-Api-Key header (README, Try it).");
        }
    }
}
