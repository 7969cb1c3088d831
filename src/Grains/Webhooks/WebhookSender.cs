using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Grains.Webhooks;

/// <summary>What came of one POST: delivered (2xx), or the status and the reason it was not.</summary>
public sealed record WebhookOutcome(bool Delivered, int? StatusCode, string? Error);

/// <summary>
/// POSTs notifications to receivers, signed (<see cref="WebhookSignature"/>). One client for the silo:
/// a pooled <see cref="SocketsHttpHandler"/> whose connections are renewed every few minutes (so DNS
/// changes are seen) and which checks the address it actually connects to, so a name that passed
/// validation cannot later resolve to a private address. Redirects are not followed.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time)
    {
        _time = time;
        var allowPrivate = options.Value.AllowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = Timeout,
            ConnectCallback = (context, cancellation) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellation),
        };
        _client = new HttpClient(handler) { Timeout = Timeout };
    }

    public static string Body(Notification notification) => JsonSerializer.Serialize(notification, Json);

    public async Task<WebhookOutcome> SendAsync(Uri url, string secret, Notification notification, CancellationToken cancellation)
    {
        var body = Body(notification);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, notification.Id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? new(true, status, null) : new(false, status, $"the receiver answered {status}");
        }
        catch (HttpRequestException ex)
        {
            return new(false, null, ex.InnerException?.Message ?? ex.Message);
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new(false, null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Connects to the first address of the host, refusing a private one unless allowed.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellation)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellation);
        if (!allowPrivate && addresses.Any(WebhookAddresses.IsPrivate))
        {
            throw new HttpRequestException($"{endpoint.Host} {WebhookAddresses.PrivateMessage}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}
