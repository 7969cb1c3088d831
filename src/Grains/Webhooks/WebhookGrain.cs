using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Webhooks;

namespace Pitstop.Grains.Webhooks;

/// <summary>
/// One subscription. While it is active and not paused, its timer reads the feed after the cursor
/// and POSTs each wanted notification in order, moving and storing the cursor after each 2xx: a
/// crash sends again at most the one in flight, under the same id. A failure holds the cursor and
/// waits (<see cref="WebhookBackoff"/>). A reminder brings the activation back after a restart of
/// its silo, so that the timer runs again without anyone calling.
/// </summary>
public sealed partial class WebhookGrain(
    [PersistentState("webhook", StorageNames.Reference)] IPersistentState<WebhookState> state,
    WebhookSender sender,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookGrain> logger)
    : Grain, IWebhookGrain, IRemindable
{
    public const int DeliveriesKept = 100;
    private const int PageSize = 100;
    private const string Reminder = "webhook";

    // A tick returns after this long, so that reads and admin calls never queue behind a backlog.
    private static readonly TimeSpan TickBudget = TimeSpan.FromSeconds(2);

    private IGrainTimer? _timer;

    private WebhookState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Definition is not null)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<bool> CreateAsync(WebhookDefinition definition, long after)
    {
        if (State.Definition is not null)
        {
            return false;
        }

        // Listed first: a crash before the write leaves an id the listing skips, never a subscription nobody can see.
        await GrainFactory.Reference<IWebhookDirectoryGrain>(IWebhookDirectoryGrain.Key).AddAsync(definition.WebhookId);
        state.State = new WebhookState { Definition = definition, Cursor = after };
        await state.WriteOrReloadAsync(this);
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
        return true;
    }

    public Task<WebhookStatus?> GetAsync() => Task.FromResult(Status());

    public Task<IReadOnlyList<WebhookDelivery>?> DeliveriesAsync() =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>?>(State.Definition is null ? null : [.. State.Deliveries]);

    public Task<WebhookStatus?> PauseAsync() => ChangeAsync(s => s.Paused = true);

    public Task<WebhookStatus?> ResumeAsync() => ChangeAsync(s =>
    {
        s.Paused = false;
        s.NextAttemptAt = null;
    });

    public Task<WebhookStatus?> ReplayAsync(long after) => ChangeAsync(s =>
    {
        s.Cursor = after;
        s.NextAttemptAt = null;
        s.ConsecutiveFailures = 0;
    });

    public async Task<WebhookStatus?> DeleteAsync()
    {
        if (Status() is not { } ended)
        {
            return null;
        }

        _timer?.Dispose();
        _timer = null;
        await state.ClearStateAsync();
        state.State = new WebhookState();
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await GrainFactory.Reference<IWebhookDirectoryGrain>(IWebhookDirectoryGrain.Key).RemoveAsync(ended.WebhookId);
        DeactivateOnIdle();
        return ended;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The activation (and with it the timer) is what the reminder is for; a deleted subscription's leftover reminder goes.
        if (State.Definition is null && await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StartTimer() => _timer ??= this.RegisterGrainTimer(
        DeliverAsync, new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.PollInterval) { KeepAlive = true });

    private async Task<WebhookStatus?> ChangeAsync(Action<WebhookState> change)
    {
        if (State.Definition is null)
        {
            return null;
        }

        change(State);
        await state.WriteOrReloadAsync(this);
        return Status();
    }

    private async Task DeliverAsync(CancellationToken cancellation)
    {
        if (State.Definition is not { } definition || State.Paused || State.NextAttemptAt > time.GetUtcNow())
        {
            return;
        }

        var started = time.GetTimestamp();
        var page = await GrainFactory.Reference<INotificationsGrain>(0).ReadAsync(State.Cursor, PageSize, await DealershipsAsync(definition));
        var skipped = false;
        foreach (var notification in page)
        {
            if (!WebhookScope.Wants(definition, notification))
            {
                State.Cursor = notification.Seq;
                skipped = true;
                continue;
            }

            if (cancellation.IsCancellationRequested || time.GetElapsedTime(started) > TickBudget)
            {
                break;
            }

            skipped = false;
            if (!await SendAsync(definition, notification, cancellation))
            {
                return;
            }
        }

        if (skipped)
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    /// <summary>One attempt, recorded and stored with the cursor (moved on success); whether it was delivered.</summary>
    private async Task<bool> SendAsync(WebhookDefinition definition, Notification notification, CancellationToken cancellation)
    {
        var outcome = await sender.SendAsync(new Uri(definition.Url), definition.Secret, notification, cancellation);
        var now = time.GetUtcNow();
        State.Deliveries.Insert(0, new WebhookDelivery(
            notification.Id, notification.Seq, notification.Type, now, outcome.Delivered, outcome.StatusCode, outcome.Error, State.ConsecutiveFailures + 1));
        if (State.Deliveries.Count > DeliveriesKept)
        {
            State.Deliveries.RemoveRange(DeliveriesKept, State.Deliveries.Count - DeliveriesKept);
        }

        if (outcome.Delivered)
        {
            State.Cursor = notification.Seq;
            State.ConsecutiveFailures = 0;
            State.NextAttemptAt = null;
        }
        else
        {
            State.ConsecutiveFailures++;
            State.NextAttemptAt = now + WebhookBackoff.Delay(State.ConsecutiveFailures);
            LogFailed(definition.WebhookId, notification.Id, State.ConsecutiveFailures, outcome.Error);
        }

        await state.WriteOrReloadAsync(this);
        return outcome.Delivered;
    }

    private async Task<IReadOnlyList<string>?> DealershipsAsync(WebhookDefinition definition)
    {
        if (definition.States.Count == 0)
        {
            return WebhookScope.Dealerships(definition, new Dictionary<string, string>());
        }

        var directory = await GrainFactory.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        return WebhookScope.Dealerships(definition, directory.ToDictionary(d => d.Key, d => d.Value.State, StringComparer.Ordinal));
    }

    private WebhookStatus? Status() => State.Definition is not { } d
        ? null
        : new WebhookStatus(d.WebhookId, d.Url, d.Types, d.Dealerships, d.States, SecretHint(d.Secret), d.CreatedAt,
            State.Cursor, State.Paused, State.ConsecutiveFailures, State.NextAttemptAt);

    /// <summary>Enough of the secret to tell which one is set, never enough to sign with it.</summary>
    private static string SecretHint(string secret) => "…" + secret[^4..];

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Webhook {WebhookId} could not deliver {NotificationId} (failure {Failures} in a row): {Error}")]
    private partial void LogFailed(string webhookId, string notificationId, int failures, string? error);
}
