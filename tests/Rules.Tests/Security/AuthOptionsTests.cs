using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Pitstop.Api.Security;

namespace Pitstop.Rules.Tests.Security;

public class AuthOptionsTests
{
    private static IEnumerable<string> Errors(params ApiKeyOptions[] keys) =>
        new AuthOptions { ApiKeys = [.. keys] }.Validate(new ValidationContext(new object())).Select(r => r.ErrorMessage!);

    [Fact]
    public void A_well_formed_key_is_accepted() =>
        Errors(new ApiKeyOptions { Name = "dms", Key = "a-key-of-16-chars", Role = "ingest" }).Should().BeEmpty();

    [Fact]
    public void Start_up_refuses_a_key_with_an_unknown_role_both_or_neither_secret_or_a_short_key()
    {
        Errors(new ApiKeyOptions { Name = "x", Key = "a-key-of-16-chars", Role = "superuser" }).Should().ContainSingle(e => e.Contains("Role", StringComparison.Ordinal));
        Errors(new ApiKeyOptions { Name = "x", Key = "a-key-of-16-chars", Sha256 = new string('a', 64), Role = "cx" }).Should().ContainSingle(e => e.Contains("exactly one", StringComparison.Ordinal));
        Errors(new ApiKeyOptions { Name = "x", Role = "cx" }).Should().ContainSingle(e => e.Contains("exactly one", StringComparison.Ordinal));
        Errors(new ApiKeyOptions { Name = "x", Key = "short", Role = "cx" }).Should().ContainSingle(e => e.Contains("16", StringComparison.Ordinal));
        Errors(new ApiKeyOptions { Name = "x", Sha256 = "not-hex", Role = "cx" }).Should().ContainSingle(e => e.Contains("hexadecimal", StringComparison.Ordinal));
        Errors(new ApiKeyOptions { Name = "", Key = "a-key-of-16-chars", Role = "cx" }).Should().ContainSingle(e => e.Contains("Name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_viewer_key_is_named_for_its_member_with_the_kind()
    {
        Errors(new ApiKeyOptions { Name = "customer:C-1", Key = "a-key-of-16-chars", Role = "viewer" }).Should().BeEmpty();
        Errors(new ApiKeyOptions { Name = "staff:S-1", Key = "a-key-of-16-chars", Role = "viewer" }).Should().BeEmpty();
        Errors(new ApiKeyOptions { Name = "C-1", Key = "a-key-of-16-chars", Role = "viewer" }).Should().ContainSingle(e => e.Contains("customer:<id> or staff:<id>", StringComparison.Ordinal));
        Errors(new ApiKeyOptions { Name = "budget:D-1", Key = "a-key-of-16-chars", Role = "viewer" }).Should().ContainSingle(e => e.Contains("customer:<id> or staff:<id>", StringComparison.Ordinal));
    }

    [Fact]
    public void The_limit_on_failed_authentications_has_sane_defaults_and_refuses_an_empty_limit_or_window()
    {
        Errors().Should().BeEmpty("the defaults are valid");
        Validate(new FailedAuthenticationOptions { PermitLimit = 0 }).Should().ContainSingle(e => e.Contains("PermitLimit", StringComparison.Ordinal));
        Validate(new FailedAuthenticationOptions { Window = TimeSpan.Zero }).Should().ContainSingle(e => e.Contains("Window", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Validate(FailedAuthenticationOptions limit) =>
        new AuthOptions { FailedAuthentications = limit }.Validate(new ValidationContext(new object())).Select(r => r.ErrorMessage!);

    [Fact]
    public void Start_up_refuses_an_RS256_key_that_is_not_an_RSA_public_key_of_2048_bits_or_more()
    {
        using var rsa = RSA.Create(2048);
        using var small = RSA.Create(1024);
        using var ec = ECDsa.Create();

        Validate(new JwtOptions { PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() }).Should().BeEmpty();
        Validate(new JwtOptions { PublicKeyPem = rsa.ExportRSAPublicKeyPem() }).Should().BeEmpty();
        Validate(new JwtOptions { PublicKeyPem = rsa.ExportPkcs8PrivateKeyPem() }).Should().ContainSingle(e => e.StartsWith("Auth:Jwt:PublicKeyPem must be a PEM public key", StringComparison.Ordinal));
        Validate(new JwtOptions { PublicKeyPem = "not a key" }).Should().ContainSingle(e => e.StartsWith("Auth:Jwt:PublicKeyPem must be a PEM public key", StringComparison.Ordinal));
        Validate(new JwtOptions { PublicKeyPem = ec.ExportSubjectPublicKeyInfoPem() }).Should().ContainSingle(e => e == "Auth:Jwt:PublicKeyPem is not an RSA public key.");
        Validate(new JwtOptions { PublicKeyPem = small.ExportSubjectPublicKeyInfoPem() }).Should().ContainSingle(e => e.Contains("2048", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Validate(JwtOptions jwt) =>
        new AuthOptions { Jwt = jwt }.Validate(new ValidationContext(new object())).Select(r => r.ErrorMessage!);
}
