using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pitstop.Grains.Webhooks;

namespace Pitstop.Testing;

/// <summary>One POST as a receiver saw it: the id header, the notification, whether its signature held, and whether it was taken.</summary>
public sealed record ReceivedDelivery(string? Id, JsonObject Notification, bool SignatureValid, bool Accepted)
{
    public string NotificationId => Notification["id"]!.GetValue<string>();

    public long Seq => Notification["seq"]!.GetValue<long>();

    public string? DealershipId => Notification["dealershipId"]?.GetValue<string>();
}

/// <summary>
/// An integrator's endpoint on loopback, on a free port: it checks each delivery's signature with
/// the subscription's secret as a receiver would, and answers 204, or 503 while it is <see cref="Down"/>,
/// after <see cref="Stall"/> (a slow receiver). It answers one request at a time.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    public const string Secret = "receiver-secret-0123456789abcdefghijklmnop";

    private readonly Lock _gate = new();
    private readonly List<ReceivedDelivery> _received = [];
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var prefix = $"http://127.0.0.1:{Ports.Free()}/";
        _listener.Prefixes.Add(prefix);
        _listener.Start();
        Url = prefix + "hook";
        _loop = Task.Run(ReceiveAllAsync);
    }

    public string Url { get; }

    public bool Down { get; set; }

    public TimeSpan Stall { get; set; }

    /// <summary>Every POST so far, taken or not, in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The deliveries it answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> Accepted => [.. All.Where(d => d.Accepted)];

    private async Task ReceiveAllAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            var valid = WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body, DateTimeOffset.UtcNow);
            await Task.Delay(Stall);
            var accepted = !Down;
            lock (_gate)
            {
                _received.Add(new ReceivedDelivery(headers[WebhookSignature.IdHeader], JsonNode.Parse(body)!.AsObject(), valid, accepted));
            }

            context.Response.StatusCode = accepted ? (int)HttpStatusCode.NoContent : (int)HttpStatusCode.ServiceUnavailable;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
