using Pitstop.Grains.Webhooks;

namespace Pitstop.Rules.Tests.Webhooks;

/// <summary>The signature receivers check: HMAC-SHA256 over "{timestamp}.{body}", and the replay window.</summary>
public class WebhookSignatureTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private const string Body = """{"id":"n-1"}""";
    private const long Timestamp = 1_796_000_000;
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void The_signature_is_v1_and_the_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        // Computed independently (Python's hmac) from the documented recipe.
        WebhookSignature.Sign(Secret, Timestamp, Body).Should().Be("v1=6c82105b0e8949474c854801ca80736d14b4ab62b643610b20bc6058fe960ee8");
    }

    [Fact]
    public void A_delivery_verifies_within_the_replay_window_and_not_after_it()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        WebhookSignature.Verify(Secret, "1796000000", signature, Body, SignedAt.AddMinutes(4)).Should().BeTrue();
        WebhookSignature.Verify(Secret, "1796000000", signature, Body, SignedAt.AddMinutes(6)).Should().BeFalse("a captured delivery replayed later is refused");
    }

    [Fact]
    public void A_changed_body_timestamp_or_secret_fails_verification()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        WebhookSignature.Verify(Secret, "1796000000", signature, """{"id":"n-2"}""", SignedAt).Should().BeFalse();
        WebhookSignature.Verify(Secret, "1796000001", signature, Body, SignedAt).Should().BeFalse();
        WebhookSignature.Verify(Secret.ToUpperInvariant(), "1796000000", signature, Body, SignedAt).Should().BeFalse();
        WebhookSignature.Verify(Secret, "not-a-number", signature, Body, SignedAt).Should().BeFalse();
        WebhookSignature.Verify(Secret, "1796000000", null, Body, SignedAt).Should().BeFalse();
    }
}
