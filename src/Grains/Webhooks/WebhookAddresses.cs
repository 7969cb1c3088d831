using System.Net;
using System.Net.Sockets;

namespace Pitstop.Grains.Webhooks;

/// <summary>
/// Where a webhook may send: an absolute http or https URL without credentials in it, to a public
/// address. Loopback, private, link-local, unique-local, carrier-grade NAT, unspecified and multicast
/// addresses are refused unless <see cref="WebhookOptions.AllowPrivateNetworks"/> says otherwise, so
/// that an admin credential cannot be turned into a probe of the engine's own network.
/// </summary>
public static class WebhookAddresses
{
    // The bound of every free-text field of the API (FieldReader.MaxTextLength).
    public const int MaxUrlLength = 1_000;
    public const string PrivateMessage = "must not be (or resolve to) a loopback, private or link-local address";

    /// <summary>The URL, or null with the reason it is refused in <paramref name="error"/>.</summary>
    public static Uri? ParseUrl(string text, out string? error)
    {
        error = null;
        if (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = $"must be an absolute http or https URL of at most {MaxUrlLength} characters";
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = "must be an http or https URL";
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = "must not carry credentials (sign with the secret instead)";
            return null;
        }

        if (uri.Fragment.Length > 0)
        {
            error = "must not have a fragment";
            return null;
        }

        return uri;
    }

    /// <summary>Whether an address is one a webhook may reach only when private networks are allowed.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 0 // "this" network
            || b[0] == 10
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || b[0] >= 224; // multicast and reserved
    }
}
