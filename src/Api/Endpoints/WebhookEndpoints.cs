using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Webhooks;
using Pitstop.Grains.Webhooks;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// Webhook subscriptions (admins only): the notification feed POSTed, signed and in order, to an
/// integrator's URL, each subscription on its own cursor (docs/api.md, webhooks).
/// </summary>
public static class WebhookEndpoints
{
    private const int MinSecret = 32;
    private const int MaxSecret = 256;
    private const int MaxStates = 40;
    private const string Tag = "Webhooks";

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapPost("/webhooks", CreateAsync).WithTags(Tag).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to the notification feed")
            .WithDescription("Each wanted notification is POSTed as JSON with the headers Pitstop-Webhook-Id (the notification id: de-duplicate by it), " +
                "Pitstop-Webhook-Timestamp (unix seconds: refuse one older than 5 minutes) and Pitstop-Webhook-Signature (v1= and the hex HMAC-SHA256 of " +
                "\"{timestamp}.{body}\" keyed by the secret), in feed order, after the position `after` (the feed's head when absent). A failure is retried " +
                "from 1 s, doubling to every 10 minutes, without end. `types` (notification types) and `dealerships`/`states` narrow what is sent; " +
                "a URL that is or resolves to a loopback or private address is refused unless the engine's setting Webhooks:AllowPrivateNetworks allows it.")
            .Accepts<NewWebhookBody>("application/json").Produces<WebhookStatus>(StatusCodes.Status201Created).ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        api.MapGet("/webhooks", ListAsync).WithTags(Tag).WithName("ListWebhooks")
            .WithSummary("The subscriptions").WithDescription("Each with its cursor, whether it is paused and its failures in a row; never its secret (a hint of its last characters).")
            .Produces<IReadOnlyList<WebhookStatus>>().RequireAuthorization(Policies.Admin);
        api.MapGet("/webhooks/{id}", GetAsync).WithTags(Tag).WithName("GetWebhook")
            .WithSummary("One subscription").WithDescription("Its cursor is the feed position delivered up to; nextAttemptAt is set while a failing receiver waits to be tried again.")
            .Produces<WebhookStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin);
        api.MapDelete("/webhooks/{id}", DeleteAsync).WithTags(Tag).WithName("DeleteWebhook")
            .WithSummary("End a subscription").WithDescription("Answers what it was. Nothing more is sent to it; a delivery in flight may still arrive.")
            .Produces<WebhookStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin);
        api.MapGet("/webhooks/{id}/deliveries", DeliveriesAsync).WithTags(Tag).WithName("ListWebhookDeliveries")
            .WithSummary("The latest deliveries and failures of a subscription, newest first")
            .WithDescription($"At most {WebhookGrain.DeliveriesKept}: each attempt with the notification's id and position, whether it was delivered, the receiver's status code and the error.")
            .Produces<IReadOnlyList<WebhookDelivery>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin);
        api.MapPost("/webhooks/{id}/pause", PauseAsync).WithTags(Tag).WithName("PauseWebhook")
            .WithSummary("Stop sending until resumed").WithDescription("The cursor stays: a resumed subscription sends what it missed, in order.")
            .Produces<WebhookStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin);
        api.MapPost("/webhooks/{id}/resume", ResumeAsync).WithTags(Tag).WithName("ResumeWebhook")
            .WithSummary("Send again from the cursor").WithDescription("At once: a failing receiver's wait is cut short.")
            .Produces<WebhookStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin);
        api.MapPost("/webhooks/{id}/replay", ReplayAsync).WithTags(Tag).WithName("ReplayWebhook")
            .WithSummary("Move the cursor to a feed position").WithDescription("The notifications after `after` are sent (again), in order, with their own ids.")
            .Accepts<ReplayBody>("application/json").Produces<WebhookStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    /// <summary>A subscription: <c>secret</c> 32-256 characters; <c>types</c> notification types; <c>states</c> state codes; <c>after</c> a feed position.</summary>
    public sealed record NewWebhookBody(string Url, string Secret, IReadOnlyList<string>? Types, IReadOnlyList<string>? Dealerships, IReadOnlyList<string>? States, long? After);

    /// <summary>The feed position to send from: notifications after it.</summary>
    public sealed record ReplayBody(long After);

    private sealed record NewWebhook(WebhookDefinition Definition, Uri Url, long? After);

    private static async Task<IResult> CreateAsync(
        HttpRequest request, IGrainFactory grains, KnownDealerships dealerships, IOptions<WebhookOptions> options, TimeProvider time, CancellationToken cancellation)
    {
        var id = $"wh-{Guid.NewGuid():N}";
        var (webhook, problem) = await JsonBody.ReadObjectAsync(request, r => Read(r, id, time.GetUtcNow()), cancellation);
        if (webhook is null)
        {
            return problem!;
        }

        if ((await dealerships.FindUnknownAsync(webhook.Definition.Dealerships)).Count > 0)
        {
            return Problems.Invalid(FieldErrors.Of("dealerships", KnownDealerships.UnregisteredMessage));
        }

        if (!options.Value.AllowPrivateNetworks && await RefusedHostAsync(webhook.Url, cancellation) is { } refused)
        {
            return Problems.Invalid(FieldErrors.Of("url", refused));
        }

        var after = webhook.After ?? await grains.Reference<INotificationsGrain>(0).HeadAsync();
        var subscription = grains.Reference<IWebhookGrain>(id);
        await subscription.CreateAsync(webhook.Definition, after);
        return TypedResults.Created($"/api/v1/webhooks/{id}", await subscription.GetAsync());
    }

    private static NewWebhook Read(FieldReader r, string id, DateTimeOffset now)
    {
        var text = r.Text("url");
        var url = WebhookAddresses.ParseUrl(text, out var urlError);
        if (urlError is not null && !r.Has("url"))
        {
            r.Error("url", urlError);
        }

        var secret = r.Text("secret");
        if (!r.Has("secret") && (secret.Length < MinSecret || secret.Length > MaxSecret))
        {
            r.Error("secret", $"must be {MinSecret}-{MaxSecret} characters");
        }

        var types = r.Words("types", NotificationTypes.All, $"must be a notification type: {string.Join(", ", NotificationTypes.All.Order(StringComparer.Ordinal))}", NotificationTypes.All.Count);
        var dealerships = r.Ids("dealerships", required: false);
        var states = r.Words("states", IndianStates.Codes, IndianStates.Message, MaxStates);
        var after = r.OptionalLong("after", 0, long.MaxValue);
        return new NewWebhook(new WebhookDefinition(id, text, types, dealerships, states, secret, now), url!, after);
    }

    /// <summary>Why the URL's host may not be sent to (it is, or resolves to, a private address), or null.</summary>
    private static async Task<string?> RefusedHostAsync(Uri url, CancellationToken cancellation)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.DnsSafeHost, cancellation);
        }
        catch (SocketException)
        {
            return "must name a host that resolves";
        }

        return addresses.Length == 0 ? "must name a host that resolves" : addresses.Any(WebhookAddresses.IsPrivate) ? WebhookAddresses.PrivateMessage : null;
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.Reference<IWebhookDirectoryGrain>(IWebhookDirectoryGrain.Key).ListAsync();
        var all = await Task.WhenAll(ids.Select(id => grains.Reference<IWebhookGrain>(id).GetAsync()));
        return TypedResults.Ok(all.OfType<WebhookStatus>().ToList());
    }

    private static Task<IResult> GetAsync(string id, IGrainFactory grains) => OnAsync(id, grains, w => w.GetAsync());

    private static Task<IResult> PauseAsync(string id, IGrainFactory grains) => OnAsync(id, grains, w => w.PauseAsync());

    private static Task<IResult> ResumeAsync(string id, IGrainFactory grains) => OnAsync(id, grains, w => w.ResumeAsync());

    private static async Task<IResult> DeliveriesAsync(string id, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        return await grains.Reference<IWebhookGrain>(id).DeliveriesAsync() is { } deliveries ? TypedResults.Ok(deliveries) : Problems.NotFound("webhook");
    }

    private static Task<IResult> DeleteAsync(string id, IGrainFactory grains) => OnAsync(id, grains, w => w.DeleteAsync());

    private static async Task<IResult> ReplayAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var (replay, problem) = await JsonBody.ReadObjectAsync(request, r => new ReplayBody(r.OptionalLong("after", 0, long.MaxValue) ?? Required(r)), cancellation);
        return replay is null ? problem! : await OnAsync(id, grains, w => w.ReplayAsync(replay.After));

        static long Required(FieldReader r)
        {
            if (!r.Has("after"))
            {
                r.Error("after", "is required");
            }

            return 0;
        }
    }

    private static async Task<IResult> OnAsync(string id, IGrainFactory grains, Func<IWebhookGrain, Task<WebhookStatus?>> call)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        return await call(grains.Reference<IWebhookGrain>(id)) is { } status ? TypedResults.Ok(status) : Problems.NotFound("webhook");
    }
}
