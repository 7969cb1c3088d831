namespace Pitstop.Api.Tests;

/// <summary>
/// The credentials the embedded test engine is configured with: one per role and scope the
/// authorization tests need. Made up for the tests; the engine itself ships with none.
/// </summary>
public static class TestCredentials
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string IngestKarnatakaKey = "test-ingest-ka-0123456789";
    public const string WorkshopManagerKey = "test-workshop-0123456789";
    public const string RegionalLeadKeralaKey = "test-lead-kl-0123456789";
    public const string CxKey = "test-cx-key-0123456789";
    public const string LimitedKey = "test-limited-0123456789";

    /// <summary>Configured by its SHA-256 only, as a deployment that keeps keys out of configuration would.</summary>
    public const string HashedKey = "test-hashed-key-0123456789";
    public const string JwtSigningKey = "test-jwt-signing-key-0123456789abcdef";

    /// <summary>The identity provider's RS256 key pair; the engine is configured with its public half only.</summary>
    public static readonly System.Security.Cryptography.RSA JwtRsaKey = System.Security.Cryptography.RSA.Create(2048);

    /// <summary>The dealership the workshop manager runs (registered by the tests in Karnataka).</summary>
    public const string ManagedDealership = "DLR-authz";

    public static IEnumerable<(string Key, string Value)> Settings()
    {
        // The admin's limit is high: every test of the suite shares it. The limited key allows one
        // request a second (bursts of two), for the rate-limit test.
        var keys = new (string Name, string Key, string Role, string? Dealership, string? State, int Permits)[]
        {
            ("test-admin", AdminKey, "admin", null, null, 10_000),
            ("test-ingest-ka", IngestKarnatakaKey, "ingest", null, "KA", 200),
            ("test-workshop", WorkshopManagerKey, "workshop-manager", ManagedDealership, null, 200),
            ("test-lead-kl", RegionalLeadKeralaKey, "regional-lead", null, "KL", 200),
            ("test-cx", CxKey, "cx", null, null, 200),
            ("test-limited", LimitedKey, "cx", null, null, 1),
        };
        for (var i = 0; i < keys.Length; i++)
        {
            var (name, key, role, dealership, state, permits) = keys[i];
            yield return ($"Auth:ApiKeys:{i}:PermitsPerSecond", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return ($"Auth:ApiKeys:{i}:Name", name);
            yield return ($"Auth:ApiKeys:{i}:Key", key);
            yield return ($"Auth:ApiKeys:{i}:Role", role);
            if (dealership is not null)
            {
                yield return ($"Auth:ApiKeys:{i}:Dealerships:0", dealership);
            }

            if (state is not null)
            {
                yield return ($"Auth:ApiKeys:{i}:States:0", state);
            }
        }

        var hashed = keys.Length;
        yield return ($"Auth:ApiKeys:{hashed}:Name", "test-hashed");
        yield return ($"Auth:ApiKeys:{hashed}:Sha256", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(HashedKey))));
        yield return ($"Auth:ApiKeys:{hashed}:Role", "cx");
        yield return ("Auth:Jwt:SigningKey", JwtSigningKey);
        yield return ("Auth:Jwt:PublicKeyPem", JwtRsaKey.ExportSubjectPublicKeyInfoPem());
    }
}
