using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Grains.Webhooks;

namespace Pitstop.Api.Tests.Webhooks;

/// <summary>One POST as a receiver saw it: the headers, the notification, whether its signature held, and what it answered.</summary>
public sealed record ReceivedDelivery(string? Id, JsonObject Notification, bool SignatureValid, bool Accepted)
{
    public string NotificationId => Notification["id"]!.GetValue<string>();

    public long Seq => Notification["seq"]!.GetValue<long>();

    public string? DealershipId => Notification["dealershipId"]?.GetValue<string>();
}

/// <summary>
/// An integrator's endpoint on loopback (a Kestrel app on a free port): it verifies each delivery's
/// signature with the subscription's secret as a receiver would, and answers 204, or 503 while it
/// is <see cref="Down"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "receiver-secret-0123456789abcdefghijklmnop";

    private readonly Lock _gate = new();
    private readonly List<ReceivedDelivery> _received = [];
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public bool Down { get; set; }

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    /// <summary>Every POST so far, accepted or not, in arrival order.</summary>
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

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var valid = WebhookSignature.Verify(
            Secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], body, DateTimeOffset.UtcNow);
        var accepted = !Down;
        lock (_gate)
        {
            _received.Add(new ReceivedDelivery(request.Headers[WebhookSignature.IdHeader], JsonNode.Parse(body)!.AsObject(), valid, accepted));
        }

        return accepted ? Results.NoContent() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
