using System.Globalization;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// A dealership's recovery desk (see <see cref="IRecoveryDeskGrain"/>). One durable reminder per
/// dealership reviews the due-list: a missed or repeated tick only moves the review, since each
/// check is made once and is caught up by the next tick whenever it comes. Settled incidents leave
/// for their month's archive (<see cref="RecoveryDesk"/>), so the state written on every change holds
/// the incidents still waiting on a check, not the dealership's history; reads merge the two.
/// </summary>
public sealed class RecoveryDeskGrain(
    [PersistentState("recovery-desk", StorageNames.Grains)] IPersistentState<RecoveryDeskState> state,
    IOptions<ProgramOptions> program,
    ProgramClock clock,
    RecordsSender records)
    : Grain, IRecoveryDeskGrain, IRemindable
{
    private const string Reminder = "recovery-desk";
    private static readonly TimeSpan ReviewPeriod = TimeSpan.FromMinutes(1);

    private readonly RecoveryRules _rules = new(program.Value.Recovery);

    private readonly IncidentFigures _figures = new(new RecoveryRules(program.Value.Recovery));

    private RecoveryDeskState State => state.State;

    private RecoveryDesk Desk => new(State, _rules);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => records.SendAsync(State.Outbox);

    public async Task UpsertAsync(IncidentSummary summary)
    {
        // A recovered incident the desk does not hold is archived (settled), unless it is new here.
        if (!Desk.Holds(summary.IncidentId) && summary.DeliveredAt is not null && await ArchiveOf(summary).UpdateAsync(summary))
        {
            return;
        }

        await state.OrReloadAsync(this, async () =>
        {
            Desk.Upsert(summary);
            await ArchiveSettledAsync();
            if (State.Due.Count > 0 && !State.ReminderRegistered)
            {
                await this.RegisterOrUpdateReminder(Reminder, ReviewPeriod, ReviewPeriod);
                State.ReminderRegistered = true;
            }
        });
        await state.WriteOrReloadAsync(this);
    }

    private IRecoveryArchiveGrain ArchiveOf(IncidentSummary incident) => Archive(RecoveryArchives.MonthOf(incident.OpenedAt));

    private IRecoveryArchiveGrain Archive(string month) =>
        GrainFactory.Reference<IRecoveryArchiveGrain>(RecoveryArchives.KeyOf(this.GetPrimaryKeyString(), month));

    /// <summary>
    /// Moves the settled incidents to their archives before the desk's write that drops them: a
    /// failure between leaves them in both, where readers take the desk's, and the next review
    /// moves them again.
    /// </summary>
    private async Task<bool> ArchiveSettledAsync()
    {
        var settled = Desk.TakeSettled();
        if (settled.Count == 0)
        {
            return false;
        }

        var byMonth = settled.GroupBy(i => RecoveryArchives.MonthOf(i.OpenedAt)).ToList();
        await Task.WhenAll(byMonth.Select(month => Archive(month.Key).KeepAsync([.. month])));
        State.ArchivedMonths.UnionWith(byMonth.Select(month => month.Key));
        return true;
    }

    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(IncidentStatus? status, IncidentPosition? after, int limit)
    {
        bool Wanted(IncidentSummary i) => (status is null || i.Status == status) && (after is not { } cursor || IncidentPosition.NewestFirst.Compare(i.Position, cursor) > 0);

        // Months newest first, until the archives have answered a full page: older months come after it.
        var archived = new List<IncidentSummary>();
        var lastMonth = after is { } position ? RecoveryArchives.MonthOf(position.OpenedAt) : null;
        foreach (var month in State.ArchivedMonths.Where(m => lastMonth is null || string.CompareOrdinal(m, lastMonth) <= 0).OrderDescending(StringComparer.Ordinal))
        {
            if (archived.Count >= limit)
            {
                break;
            }

            var onDesk = State.Incidents.Values.Count(i => RecoveryArchives.MonthOf(i.OpenedAt) == month);
            var page = await Archive(month).ListAsync(status, after, limit - archived.Count + onDesk);
            archived.AddRange(page.Where(i => !Desk.Holds(i.IncidentId)));
        }

        return [.. State.Incidents.Values.Where(Wanted).Concat(archived)
            .OrderBy(i => i.Position, IncidentPosition.NewestFirst)
            .Take(limit)];
    }

    public async Task<IReadOnlyList<RecoveryBucket>> StatsAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        // Each archive sums its own, leaving out incidents the desk holds too (a move cut short).
        var now = clock.GetUtcNow();
        var dealershipId = this.GetPrimaryKeyString();
        var archived = await Task.WhenAll(State.ArchivedMonths.Where(m => RecoveryArchives.Overlaps(m, from, to)).Select(m =>
            Archive(m).StatsAsync(from, to, [.. State.Incidents.Values.Where(i => RecoveryArchives.MonthOf(i.OpenedAt) == m).Select(i => i.IncidentId)])));
        var own = _figures.Buckets(dealershipId, State.Incidents.Values.Where(i => (from is null || i.OpenedAt >= from) && (to is null || i.OpenedAt < to)), now);
        return IncidentFigures.Sum(dealershipId, own.Concat(archived.SelectMany(a => a)));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReviewAsync();

    /// <remarks>Also moves settled incidents to their archives: those of states stored before they left.</remarks>
    public async Task<int> ReviewAsync()
    {
        var now = clock.GetUtcNow();
        var raised = 0;
        var due = Desk.TakeDue(now);
        foreach (var check in due)
        {
            if (State.Incidents.TryGetValue(check.IncidentId, out var incident) && Raise(check, incident, now))
            {
                raised++;
            }
        }

        var settled = false;
        await state.OrReloadAsync(this, async () => settled = await ArchiveSettledAsync());
        if (due.Count == 0 && !settled)
        {
            return 0;
        }

        await state.WriteOrReloadAsync(this);
        await records.SendAsync(State.Outbox);
        return raised;
    }

    // The notification a check raises, if the incident still needs one.
    private bool Raise(DueCheck check, IncidentSummary incident, DateTimeOffset now)
    {
        var data = new Dictionary<string, string>
        {
            ["incidentId"] = incident.IncidentId,
            ["customerId"] = incident.CustomerId,
            ["dueAt"] = check.DueAt.ToString("O", CultureInfo.InvariantCulture),
        };
        string type;
        if (check.Day == 0)
        {
            if (incident.DeliveredAt is { } delivered && delivered <= check.DueAt)
            {
                return false;
            }

            type = NotificationTypes.RecoverySlaBreached;
        }
        else
        {
            if (incident.FollowUpsCompleted.Contains(check.Day))
            {
                return false;
            }

            type = NotificationTypes.FollowUpDue;
            data["day"] = check.Day.ToString(CultureInfo.InvariantCulture);
        }

        State.Outbox.Notifications.Add(new Notification(NotificationIds.Of(type, check.Key), type, NotificationTargets.Dealership(incident.DealershipId), now, data, DealershipId: incident.DealershipId));
        return true;
    }
}
