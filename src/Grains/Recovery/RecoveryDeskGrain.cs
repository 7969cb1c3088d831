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
/// check is made once and is caught up by the next tick whenever it comes.
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

    private RecoveryDeskState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => records.SendAsync(State.Outbox);

    public async Task UpsertAsync(IncidentSummary summary)
    {
        State.Incidents[summary.IncidentId] = summary;
        if (summary.ClosedAt is { } closedAt && summary.DeliveredAt is null)
        {
            Schedule(new DueCheck(summary.IncidentId, 0, _rules.DueBy(closedAt)));
        }

        if (summary.DeliveredAt is { } deliveredAt)
        {
            foreach (var day in _rules.Options.FollowUpDays.Where(d => !summary.FollowUpsCompleted.Contains(d)))
            {
                Schedule(new DueCheck(summary.IncidentId, day, deliveredAt.PlusDays(day)));
            }
        }

        if (State.Due.Count > 0 && !State.ReminderRegistered)
        {
            await this.RegisterOrUpdateReminder(Reminder, ReviewPeriod, ReviewPeriod);
            State.ReminderRegistered = true;
        }

        await state.WriteOrReloadAsync(this);
    }

    private void Schedule(DueCheck check)
    {
        if (!State.Done.Contains(check.Key))
        {
            State.Due.TryAdd(check.Key, check);
        }
    }

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(IncidentStatus? status, IncidentPosition? after, int limit) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. State.Incidents.Values
            .Where(i => (status is null || i.Status == status) && (after is not { } cursor || IncidentPosition.NewestFirst.Compare(i.Position, cursor) > 0))
            .OrderBy(i => i.Position, IncidentPosition.NewestFirst)
            .Take(limit)]);

    public Task<IReadOnlyList<RecoveryBucket>> StatsAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        var now = clock.GetUtcNow();
        var dealershipId = this.GetPrimaryKeyString();
        return Task.FromResult<IReadOnlyList<RecoveryBucket>>([.. State.Incidents.Values
            .Where(i => (from is null || i.OpenedAt >= from) && (to is null || i.OpenedAt < to))
            .GroupBy(i => (i.Kind, i.Severity))
            .OrderBy(g => g.Key)
            .Select(g => new RecoveryBucket(dealershipId, g.Key.Kind, g.Key.Severity, g.Select(i => Figures(i, now)).Aggregate(RecoveryFigures.Zero, (sum, f) => sum.Add(f))))]);
    }

    private RecoveryFigures Figures(IncidentSummary i, DateTimeOffset now)
    {
        var closed = i.ClosedAt is not null;
        var delivered = i.DeliveredAt is not null;
        var breached = i.ClosedAt is { } closedAt && _rules.Breached(closedAt, i.DeliveredAt, now);
        return new RecoveryFigures(
            Incidents: 1,
            Closed: closed ? 1 : 0,
            Recovered: delivered ? 1 : 0,
            SlaDecided: delivered || breached ? 1 : 0,
            WithinSla: delivered && !breached ? 1 : 0,
            NpsBeforeSum: i.NpsBefore ?? 0,
            NpsBeforeCount: i.NpsBefore is null ? 0 : 1,
            NpsAfterSum: i.NpsAfter ?? 0,
            NpsAfterCount: i.NpsAfter is null ? 0 : 1,
            Retained: i.Retained ? 1 : 0,
            PointsSpent: delivered ? i.Points : 0,
            NpsBeforePromoters: Counts(i.NpsBefore, RecoveryFigures.IsPromoter),
            NpsBeforeDetractors: Counts(i.NpsBefore, RecoveryFigures.IsDetractor),
            NpsAfterPromoters: Counts(i.NpsAfter, RecoveryFigures.IsPromoter),
            NpsAfterDetractors: Counts(i.NpsAfter, RecoveryFigures.IsDetractor),
            ExpectationsAnswered: i.Expectations is null ? 0 : 1,
            ExceededExpectations: i.Expectations == RecoveryExpectations.Exceeded ? 1 : 0,
            RecoveryPointsRedeemed: delivered ? i.PointsRedeemed : 0,
            Complaints: i.Kind == IncidentKind.Complaint ? 1 : 0,
            EscalatedComplaints: i.Escalated ? 1 : 0);
    }

    /// <summary>1 when there is an answer and it is of the kind asked, else 0.</summary>
    private static int Counts(int? score, Func<int, bool> kind) => score is { } answer && kind(answer) ? 1 : 0;

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReviewAsync();

    public async Task<int> ReviewAsync()
    {
        var now = clock.GetUtcNow();
        var due = State.Due.Values.Where(c => c.DueAt <= now).OrderBy(c => c.DueAt).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var raised = 0;
        foreach (var check in due)
        {
            State.Due.Remove(check.Key);
            State.Done.Add(check.Key);
            if (State.Incidents.TryGetValue(check.IncidentId, out var incident) && Raise(check, incident, now))
            {
                raised++;
            }
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
