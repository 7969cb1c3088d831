using System.Net;
using Pitstop.Grains.Webhooks;

namespace Pitstop.Rules.Tests.Webhooks;

/// <summary>Which URLs a subscription may name, and which addresses need the private-networks setting.</summary>
public class WebhookAddressesTests
{
    [Theory]
    [InlineData("https://hooks.example.com/pitstop")]
    [InlineData("http://203.0.113.7:8080/in?x=1")]
    public void An_absolute_http_or_https_URL_is_accepted(string url)
    {
        WebhookAddresses.ParseUrl(url, out var error).Should().NotBeNull();
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("hooks/in", "absolute")]
    [InlineData("/hooks/in", "http or https")] // a file path on Unix
    [InlineData("ftp://example.com/x", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("https://user:pass@example.com/x", "credentials")]
    [InlineData("https://example.com/x#part", "fragment")]
    public void Other_URLs_are_refused_with_the_reason(string url, string reason)
    {
        WebhookAddresses.ParseUrl(url, out var error).Should().BeNull();
        error.Should().Contain(reason);
    }

    [Fact]
    public void A_URL_longer_than_the_bound_is_refused() =>
        WebhookAddresses.ParseUrl("https://example.com/" + new string('a', WebhookAddresses.MaxUrlLength), out _).Should().BeNull();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fc12::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_private_link_local_and_unique_local_addresses_are_private(string address) =>
        WebhookAddresses.IsPrivate(IPAddress.Parse(address)).Should().BeTrue();

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("203.0.113.7")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_not(string address) =>
        WebhookAddresses.IsPrivate(IPAddress.Parse(address)).Should().BeFalse();
}
