using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Security;

/// <summary>
/// Bearer tokens signed with RS256 by the identity provider whose public key is configured
/// (api.md: HS256 or RS256), with the same claims and scope as HS256 ones; nothing else signed.
/// </summary>
[Collection(EngineCollection.Name)]
public class Rs256TokenTests(EmbeddedEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    [Fact]
    public async Task A_service_head_token_signed_with_the_configured_RSA_key_reads_its_dealership_and_no_other()
    {
        var mine = new Traffic(_admin, "rs256-mine");
        var theirs = new Traffic(_admin, "rs256-theirs");
        await mine.RegisterDealershipAsync();
        await theirs.RegisterDealershipAsync();
        // Identity providers name their key (kid); the engine is configured with the key, not its name.
        var signing = new SigningCredentials(new RsaSecurityKey(TestCredentials.JwtRsaKey) { KeyId = "idp-2026" }, SecurityAlgorithms.RsaSha256);
        var head = Bearer(Token(signing, mine.Dealership));

        (await head.GetAsync($"/api/v1/dealerships/{mine.Dealership}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.GetAsync($"/api/v1/dealerships/{theirs.Dealership}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_signed_with_another_RSA_key_is_refused()
    {
        using var other = RSA.Create(2048);

        await RefusedAsync(Token(new SigningCredentials(new RsaSecurityKey(other), SecurityAlgorithms.RsaSha256)));
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);

        await RefusedAsync($$"""{{Part("""{"alg":"none","typ":"JWT"}""")}}.{{Part($$"""{"sub":"rs256-none","role":"admin","exp":{{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}}}""")}}.""");
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_public_key_is_refused()
    {
        // The public key is no secret: whoever has it must not be able to sign HS256 tokens with it.
        var secret = Encoding.UTF8.GetBytes(TestCredentials.JwtRsaKey.ExportSubjectPublicKeyInfoPem());

        await RefusedAsync(Token(new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256)));
    }

    private async Task RefusedAsync(string token)
    {
        using var response = await Bearer(token).GetAsync("/api/v1/catalog");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string Token(SigningCredentials signing, string dealership = "DLR-rs256") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "rs256-head", ["role"] = "service-head", ["dealership"] = new[] { dealership } },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = signing,
        });

    private HttpClient Bearer(string token)
    {
        var client = engine.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
