using System.Net;

namespace Pitstop.League.Load;

internal static class Loopback
{
    /// <summary>
    /// Only this machine may be loaded: 127.0.0.0/8, ::1 or "localhost". Anything else is refused
    /// before a single request is sent.
    /// </summary>
    public static Uri Only(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--url must be an http(s) URL, not '{url}'");
        }

        var host = uri.Host.Trim('[', ']');
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return loopback ? uri : throw new ArgumentException($"--url must be a loopback address (127.0.0.1, ::1, localhost); '{uri.Host}' is not");
    }
}
