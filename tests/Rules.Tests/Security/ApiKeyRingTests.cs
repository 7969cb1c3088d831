using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pitstop.Api.Security;

namespace Pitstop.Rules.Tests.Security;

public class ApiKeyRingTests
{
    private static readonly ApiKeyOptions Plain = new() { Name = "dms", Key = "dms-key-of-16-chars", Role = "ingest" };

    private static readonly ApiKeyOptions Hashed = new()
    {
        Name = "crm",
        Sha256 = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("crm-key-of-16-chars"))),
        Role = "cx",
    };

    private static ApiKeyRing Ring(params ApiKeyOptions[] keys) => new(Options.Create(new AuthOptions { ApiKeys = [.. keys] }));

    [Fact]
    public void Finds_a_key_configured_as_itself_or_by_its_hash()
    {
        var ring = Ring(Plain, Hashed);

        ring.Find("dms-key-of-16-chars").Should().BeSameAs(Plain);
        ring.Find("crm-key-of-16-chars").Should().BeSameAs(Hashed);
    }

    [Fact]
    public void Finds_nothing_for_a_key_it_does_not_hold_nor_for_a_configured_hash_sent_as_the_key()
    {
        var ring = Ring(Plain, Hashed);

        ring.Find("dms-key-of-16-charz").Should().BeNull();
        ring.Find("").Should().BeNull();
        ring.Find(Hashed.Sha256!).Should().BeNull("a configuration that holds the hash must not let the hash in");
    }
}
