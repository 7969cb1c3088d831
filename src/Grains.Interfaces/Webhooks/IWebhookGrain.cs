namespace Pitstop.Grains.Interfaces.Webhooks;

/// <summary>
/// One webhook subscription (key: its id): what it wants, where it sends it, and its cursor over the
/// notification feed. It delivers the feed in order, one notification at a time, on its own timer,
/// so that a failing receiver only ever delays itself.
/// </summary>
[Alias("pitstop.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Starts the subscription with its cursor at <paramref name="after"/>; false when the id is taken.</summary>
    [Alias("create")]
    Task<bool> CreateAsync(WebhookDefinition definition, long after);

    /// <summary>The subscription, null when there is none under this id.</summary>
    [ReadOnly, Alias("get")]
    Task<WebhookStatus?> GetAsync();

    /// <summary>The latest deliveries and failures, newest first; null when there is no subscription.</summary>
    [ReadOnly, Alias("deliveries")]
    Task<IReadOnlyList<WebhookDelivery>?> DeliveriesAsync();

    /// <summary>Stops sending until resumed; the cursor stays. Null when there is no subscription.</summary>
    [Alias("pause")]
    Task<WebhookStatus?> PauseAsync();

    /// <summary>Sends again from the cursor, at once (a backoff in progress is cut short).</summary>
    [Alias("resume")]
    Task<WebhookStatus?> ResumeAsync();

    /// <summary>Moves the cursor to <paramref name="after"/>: the feed after that position is sent (again).</summary>
    [Alias("replay")]
    Task<WebhookStatus?> ReplayAsync(long after);

    /// <summary>Ends the subscription: what it was, null when there was none.</summary>
    [Alias("delete")]
    Task<WebhookStatus?> DeleteAsync();
}

/// <summary>The ids of the subscriptions (one activation, key <see cref="Key"/>), for listing them.</summary>
[Alias("pitstop.IWebhookDirectoryGrain")]
public interface IWebhookDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("add")]
    Task AddAsync(string webhookId);

    [Alias("remove")]
    Task RemoveAsync(string webhookId);

    [ReadOnly, Alias("list")]
    Task<IReadOnlyList<string>> ListAsync();
}

/// <summary>
/// What a subscription sends and where: notifications of <see cref="Types"/> (all when empty) that
/// concern <see cref="Dealerships"/> or a dealership of <see cref="States"/> (the whole feed when both
/// are empty), POSTed to <see cref="Url"/> and signed with <see cref="Secret"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.WebhookDefinition")]
public sealed record WebhookDefinition(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Types,
    [property: Id(3)] IReadOnlyList<string> Dealerships,
    [property: Id(4)] IReadOnlyList<string> States,
    [property: Id(5)] string Secret,
    [property: Id(6)] DateTimeOffset CreatedAt);

/// <summary>
/// A subscription as the API shows it: never its secret, only <see cref="SecretHint"/> (its last
/// characters). <see cref="Cursor"/> is the feed position delivered up to; <see cref="NextAttemptAt"/>
/// is set while a failing receiver is being retried.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.WebhookStatus")]
public sealed record WebhookStatus(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Types,
    [property: Id(3)] IReadOnlyList<string> Dealerships,
    [property: Id(4)] IReadOnlyList<string> States,
    [property: Id(5)] string SecretHint,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] long Cursor,
    [property: Id(8)] bool Paused,
    [property: Id(9)] int ConsecutiveFailures,
    [property: Id(10)] DateTimeOffset? NextAttemptAt);

/// <summary>
/// One attempt to deliver a notification: <see cref="Delivered"/> when the receiver answered 2xx;
/// otherwise <see cref="StatusCode"/> (null when there was no answer) and <see cref="Error"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string NotificationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool Delivered,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] string? Error,
    [property: Id(7)] int Attempt);
