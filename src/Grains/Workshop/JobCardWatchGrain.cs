using System.Globalization;
using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Workshop;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Versions;

namespace Pitstop.Grains.Workshop;

/// <summary>
/// A dealership's job-card SLA watch (see <see cref="IJobCardWatchGrain"/>). Events only change
/// what is watched; the alerts are raised by the review, which one durable reminder per dealership
/// runs every minute: a missed or repeated tick only moves the review, since each alert is raised
/// once and is caught up by the next tick whenever it comes.
/// </summary>
public sealed class JobCardWatchGrain : Grain, IJobCardWatchGrain, IRemindable
{
    private const string Reminder = "job-card-watch";
    private static readonly TimeSpan ReviewPeriod = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<JobCardWatchState> _state;
    private readonly StreamEvents<JobCardWatchState> _events;
    private readonly ProgramVersions _versions;
    private readonly ProgramClock _clock;
    private readonly RecordsSender _records;

    public JobCardWatchGrain(
        [PersistentState("job-card-watch", StorageNames.Grains)] IPersistentState<JobCardWatchState> state,
        ProgramVersions versions,
        ProgramClock clock,
        RecordsSender records)
    {
        _state = state;
        _events = new(state, this, clock);
        _versions = versions;
        _clock = clock;
        _records = records;
    }

    private JobCardWatchState State => _state.State;

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>
    /// The watch is scheduled work: the rules of the version in force now at the dealership, read at
    /// the start of each call (the version cannot change within one: it is known minutes ahead).
    /// </summary>
    private JobCardSlaRules Rules { get; set; } = null!;

    private async Task TakeRulesAsync() => Rules = (await _versions.NowAsync(this.GetPrimaryKeyString())).Workshop;

    // Alerts a crash left between this grain's write and the feed.
    public override Task OnActivateAsync(CancellationToken cancellationToken) => _records.SendAsync(State.Outbox);

    // Watching an opened card again, or closing a closed one, changes nothing (completions are
    // remembered as long as their card could be held): no record of applied events is needed, which
    // keeps a busy dealership's watch small — it sees half of the dealership's traffic.
    public async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        await TakeRulesAsync();
        var changed = false;
        await _events.OrReloadAsync(async () =>
        {
            changed = _events.DecideUnrecorded(events.Value, Decide);
            if (changed)
            {
                await RegisterReminderAsync();
            }
        });
        if (changed)
        {
            await _events.WriteAsync();
            await _records.SendAsync(State.Outbox);
        }
    }

    public async Task ProbeAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        await TakeRulesAsync();
        await _events.ProbeAsync(() =>
        {
            _events.DecideUnrecorded(events.Value, Decide);
            return Task.CompletedTask;
        });
    }

    private bool Decide(DmsEvent e) => e.Data switch
    {
        VisitOpened opened => Watch(opened),
        VisitCompleted completed => Close(completed),
        _ => false,
    };

    // An opening of a card already watched or completed, or promised too long ago, starts nothing
    // and never will (a completion is remembered as long as its card could be held): not recorded.
    private bool Watch(VisitOpened visit)
    {
        if (State.Open.ContainsKey(visit.JobCardId) || State.Completed.ContainsKey(visit.JobCardId) || !Rules.Holds(visit.PromisedAt, Now))
        {
            return false;
        }

        State.Open[visit.JobCardId] = new JobCardWatch(visit.JobCardId, visit.CustomerId, visit.AdvisorId, visit.PromisedAt);
        return true;
    }

    private bool Close(VisitCompleted visit)
    {
        var cancelled = State.Open.Remove(visit.JobCardId);
        var remembered = Rules.Holds(visit.PromisedAt, Now) && State.Completed.TryAdd(visit.JobCardId, visit.PromisedAt);
        return cancelled || remembered;
    }

    // Registered with the first card held, watched or completed: the review also forgets completions.
    private async Task RegisterReminderAsync()
    {
        if (!State.ReminderRegistered && (State.Open.Count > 0 || State.Completed.Count > 0))
        {
            await this.RegisterOrUpdateReminder(Reminder, ReviewPeriod, ReviewPeriod);
            State.ReminderRegistered = true;
        }
    }

    public Task<IReadOnlyList<JobCardWatch>> WatchedAsync() =>
        Task.FromResult<IReadOnlyList<JobCardWatch>>([.. State.Open.Values.OrderBy(c => c.PromisedAt).ThenBy(c => c.JobCardId, StringComparer.Ordinal)]);

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReviewAsync();

    public async Task<int> ReviewAsync()
    {
        await TakeRulesAsync();
        var now = Now;
        var raised = 0;
        var changed = false;
        foreach (var card in State.Open.Values.OrderBy(c => c.PromisedAt).ThenBy(c => c.JobCardId, StringComparer.Ordinal).ToList())
        {
            if (Rules.AlertDue(card, now) is { } alert)
            {
                State.Open[card.JobCardId] = JobCardSlaRules.Raised(card, alert);
                Announce(card, alert, now);
                raised++;
                changed = true;
            }

            // After its alert: a review that comes days late still tells of the breach once.
            if (!Rules.Holds(card.PromisedAt, now))
            {
                State.Open.Remove(card.JobCardId);
                changed = true;
            }
        }

        foreach (var (jobCardId, promisedAt) in State.Completed)
        {
            if (!Rules.Holds(promisedAt, now))
            {
                State.Completed.Remove(jobCardId);
                changed = true;
            }
        }

        if (changed)
        {
            await _events.WriteAsync();
        }

        // Also what an earlier send left behind.
        await _records.SendAsync(State.Outbox);
        return raised;
    }

    private void Announce(JobCardWatch card, SlaAlert alert, DateTimeOffset now)
    {
        var type = alert == SlaAlert.Breached ? NotificationTypes.SlaBreached : NotificationTypes.SlaApproaching;
        var data = new Dictionary<string, string>
        {
            ["jobCardId"] = card.JobCardId,
            ["customerId"] = card.CustomerId,
            ["dealershipId"] = this.GetPrimaryKeyString(),
            ["promisedAt"] = card.PromisedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        State.Outbox.Notifications.Add(new Notification(NotificationIds.Of(type, card.JobCardId), type, NotificationTargets.Staff(card.AdvisorId), now, data, DealershipId: this.GetPrimaryKeyString()));
    }
}
