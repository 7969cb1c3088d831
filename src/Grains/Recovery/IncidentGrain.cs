using Pitstop.Grains.Interfaces;
using System.Globalization;
using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Versions;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// One incident, from the event that opens it to the follow-ups after its recovery. It calls its
/// customer (to link itself and to deliver the award) and its dealership's desk; the customer
/// never waits on it in return (its notices are sent outside its turn), so the two cannot lock.
/// </summary>
/// <remarks>An event is applied in one written order: decide, ask (its customer, its desk), persist once, dispatch.</remarks>
public sealed class IncidentGrain : Grain, IIncidentGrain
{
    private readonly IPersistentState<IncidentState> _state;
    private readonly StreamEvents<IncidentState> _events;
    private readonly ProgramVersions _versions;
    private readonly ProgramClock _clock;
    private readonly RecordsSender _records;

    public IncidentGrain(
        [PersistentState("incident", StorageNames.Grains)] IPersistentState<IncidentState> state,
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

    private IncidentState State => _state.State;

    private DateTimeOffset Now => _clock.GetUtcNow();

    private string Id => this.GetPrimaryKeyString();

    private DmsEvent Opening => State.Opening ?? throw new InvalidOperationException($"incident {Id} is not open");

    /// <summary>
    /// The recovery rules of the version in force when the incident opened, at its dealership: its
    /// severity and award are decided by them whenever it closes (decisions.md, program versions).
    /// </summary>
    private RecoveryRules Rules => RulesOf(Opening);

    private RecoveryRules RulesOf(DmsEvent opening) => _versions.At(opening.OccurredAt, opening.DealershipId).Recovery;

    // Makes Rules answerable outside a batch: the copy of this silo may not hold the opening's version yet.
    private Task CoverOpeningAsync() => State.Opening is { } opening ? _versions.AtAsync(opening.OccurredAt, opening.DealershipId) : Task.CompletedTask;

    private string CustomerId => IncidentFacts.CustomerOf(Opening.Data);

    private ICustomerGrain Customer => GrainFactory.Reference<ICustomerGrain>(CustomerId);

    private IRecoveryDeskGrain Desk => GrainFactory.Reference<IRecoveryDeskGrain>(Opening.DealershipId);

    // Notifications a crash left between this grain's write and the feed.
    public override Task OnActivateAsync(CancellationToken cancellationToken) => _records.SendAsync(State.Outbox);

    public async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        await _versions.CoverAsync(events.Value);
        await CoverOpeningAsync();
        var changed = false;
        await _events.OrReloadAsync(async () =>
        {
            changed = _events.Decide(events.Value, Decide);
            if (changed)
            {
                await AskAsync();
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
        await _versions.CoverAsync(events.Value);
        await CoverOpeningAsync();
        await _events.ProbeAsync(() =>
        {
            _events.Decide(events.Value, Decide);
            return Task.CompletedTask;
        });
    }

    private bool Decide(DmsEvent e)
    {
        if (e.Data is IncidentResolved resolved)
        {
            return Resolve(resolved.ResolvedAt);
        }

        if (State.Opening is not null)
        {
            // A second report of the same incident (the derived id is the same) changes nothing.
            return false;
        }

        State.Opening = e;
        State.Kind = IncidentFacts.KindOf(e.Data);
        State.Severity = RulesOf(e).SeverityOf(e.Data, repeat: false);
        if (e.Data is VisitCompleted visit)
        {
            // The delay ended when the car was delivered: the incident closes as it opens.
            State.ClosedAt = visit.DeliveredAt;
        }
        else if (State.ResolvedAhead is { } resolvedAt)
        {
            Resolve(resolvedAt);
        }

        return true;
    }

    private bool Resolve(DateTimeOffset resolvedAt)
    {
        if (State.Opening is null)
        {
            if (State.ResolvedAhead is not null)
            {
                return false;
            }

            State.ResolvedAhead = resolvedAt;
            return true;
        }

        if (State.ClosedAt is not null)
        {
            return false;
        }

        // A resolution dated before the opening closes it as it opened: the clock cannot run backwards.
        State.ClosedAt = resolvedAt < Opening.OccurredAt ? Opening.OccurredAt : resolvedAt;
        return true;
    }

    /// <summary>
    /// What the incident asks before its write: its customer, once, to link it and say whether it
    /// repeats (and what it knows of NPS answers and visits); once closed, the customer for the
    /// recovery; then its dealership's desk. A crash after asking asks again, and each answers a
    /// repeat alike.
    /// </summary>
    private async Task AskAsync()
    {
        if (State.Opening is null)
        {
            return;
        }

        if (!State.Joined)
        {
            var context = await Customer.JoinIncidentAsync(Id, Opening.OccurredAt);
            State.Joined = true;
            State.Repeat = context.Repeat;
            State.Severity = Rules.SeverityOf(Opening.Data, context.Repeat);
            Remember(context.Nps, context.Visits);
            Remember(context.SupportCases ?? []);
        }

        if (State.ClosedAt is not null && State.Recovery is null)
        {
            var points = Rules.AwardFor(State.Severity);
            var outcome = await Customer.ReceiveRecoveryAsync(Id, points, Opening.DealershipId);
            State.Recovery = new RecoveryOutcomeRecord(points, outcome.Category, outcome.Funded ? outcome.FundedAt ?? Now : null);
            if (State.Recovery.DeliveredAt is not null)
            {
                AnnounceDelivery();
            }
        }

        await Desk.UpsertAsync(Summary());
    }

    public async Task<IncidentView?> GetAsync()
    {
        await CoverOpeningAsync();
        return State.Opening is null ? null : View();
    }

    public async Task NoticeAsync(IReadOnlyList<CustomerNotice> notices)
    {
        if (State.Opening is null)
        {
            return;
        }

        await CoverOpeningAsync();
        var nps = notices.Where(n => n.Kind == CustomerNoticeKind.Nps).Select(n => new NpsReading(n.Score, n.At, n.Ref));
        var visits = notices.Where(n => n.Kind == CustomerNoticeKind.Visit).Select(n => new VisitSeen(n.Ref, n.At));
        var changed = Remember(nps, visits);
        changed |= Remember(notices.Where(n => n.Kind == CustomerNoticeKind.SupportCase).Select(n => new SupportCaseSeen(n.Ref, n.At)));
        // A total, not an increment: the latest the customer sent replaces the one before.
        if (notices.LastOrDefault(n => n.Kind == CustomerNoticeKind.RecoveryRedeemed) is { } redeemed && redeemed.Points != State.PointsRedeemed)
        {
            State.PointsRedeemed = redeemed.Points;
            changed = true;
        }

        if (notices.FirstOrDefault(n => n.Kind == CustomerNoticeKind.RecoveryFunded) is { } funded
            && State.Recovery is { DeliveredAt: null } pending)
        {
            State.Recovery = pending with { DeliveredAt = funded.At };
            AnnounceDelivery();
            changed = true;
        }

        if (changed)
        {
            await SaveAsync();
        }
    }

    public async Task<FollowUpOutcome> CompleteFollowUpAsync(int day, string outcome, string? note, RecoveryExpectations? expectations)
    {
        if (State.Opening is null)
        {
            return new FollowUpOutcome(null, FollowUpRefusal.NoSuchIncident);
        }

        await CoverOpeningAsync();
        // Follow-ups exist once the recovery is delivered; one done early is still done, and the
        // first completion stands.
        if (!Rules.Options.FollowUpDays.Contains(day) || State.Recovery?.DeliveredAt is null)
        {
            return new FollowUpOutcome(View(), FollowUpRefusal.NotScheduled);
        }

        if (State.FollowUps.TryAdd(day, new FollowUpRecord(Now, outcome, note, expectations)))
        {
            await SaveAsync();
        }

        return new FollowUpOutcome(View(), Refusal: null);
    }

    public async Task<IncidentView?> SetNoteAsync(string note)
    {
        if (State.Opening is null)
        {
            return null;
        }

        await CoverOpeningAsync();
        State.Note = note;
        await _events.WriteAsync();
        return View();
    }

    private async Task SaveAsync()
    {
        // The desk first, as in a batch: if the write then fails, the caller repeats and the desk
        // is told again; the other way round a crash could leave it behind for good.
        await Desk.UpsertAsync(Summary());
        await _events.WriteAsync();
        await _records.SendAsync(State.Outbox);
    }

    // Readings are kept once (by survey id and job card): a repeated notice adds nothing.
    private bool Remember(IEnumerable<NpsReading> nps, IEnumerable<VisitSeen> visits)
    {
        var changed = false;
        foreach (var reading in nps.Where(r => State.Nps.TrueForAll(known => known.SurveyId != r.SurveyId)))
        {
            State.Nps.Add(reading);
            changed = true;
        }

        foreach (var visit in visits.Where(v => State.Visits.TrueForAll(known => known.JobCardId != v.JobCardId)))
        {
            State.Visits.Add(visit);
            changed = true;
        }

        return changed;
    }

    // Cases are kept once, by case id: a repeated notice adds nothing.
    private bool Remember(IEnumerable<SupportCaseSeen> cases)
    {
        var changed = false;
        foreach (var seen in cases.Where(c => State.SupportCases.TrueForAll(known => known.CaseId != c.CaseId)))
        {
            State.SupportCases.Add(seen);
            changed = true;
        }

        return changed;
    }

    private void AnnounceDelivery()
    {
        var recovery = State.Recovery!;
        var data = new Dictionary<string, string>
        {
            ["incidentId"] = Id,
            ["customerId"] = CustomerId,
            ["dealershipId"] = Opening.DealershipId,
            ["severity"] = Wire(State.Severity),
            ["points"] = recovery.Points.ToString(CultureInfo.InvariantCulture),
            ["category"] = Wire(recovery.Category),
        };
        if (State.Note is { } note)
        {
            data["note"] = note;
        }

        State.Outbox.Notifications.Add(new Notification(
            NotificationIds.Of(NotificationTypes.RecoveryDelivered, Id), NotificationTypes.RecoveryDelivered, NotificationTargets.Customer(CustomerId), recovery.DeliveredAt ?? Now, data,
            DealershipId: Opening.DealershipId));
    }

    private static string Wire<T>(T value) where T : struct, Enum => WireNames.Of(value);

    private IncidentSummary Summary()
    {
        var closedAt = State.ClosedAt;
        return new IncidentSummary(
            Id, State.Kind, State.Severity, Status, CustomerId, Opening.DealershipId, Opening.OccurredAt, closedAt,
            State.Recovery?.DeliveredAt, State.Recovery?.Points ?? 0,
            RecoveryRules.NpsBefore(State.Nps, Opening.OccurredAt)?.Score, RecoveryRules.NpsAfter(State.Nps, closedAt)?.Score,
            Rules.Retained(State.Visits, closedAt, IncidentFacts.JobCardOf(Opening.Data)),
            [.. State.FollowUps.Keys.Order()],
            RecoveryKpis.LatestExpectations(State.FollowUps.Select(f => KeyValuePair.Create(f.Key, f.Value.Expectations))),
            State.PointsRedeemed,
            RecoveryKpis.Escalated(State.Kind, Opening.OccurredAt, State.Recovery?.DeliveredAt, State.SupportCases));
    }

    private IncidentStatus Status => State.ClosedAt is null
        ? IncidentStatus.Open
        : State.Recovery?.DeliveredAt is null ? IncidentStatus.Closed : IncidentStatus.Recovered;

    private IncidentView View()
    {
        var now = Now;
        var closedAt = State.ClosedAt;
        RecoveryView? recovery = null;
        if (closedAt is { } closed)
        {
            var delivered = State.Recovery?.DeliveredAt;
            var breached = Rules.Breached(closed, delivered, now);
            recovery = new RecoveryView(
                State.Recovery?.Points ?? Rules.AwardFor(State.Severity),
                State.Recovery?.Category ?? ExperienceCategory.Lifestyle,
                Rules.DueBy(closed),
                delivered,
                delivered is null && !breached ? null : !breached,
                breached);
        }

        var followUps = State.Recovery?.DeliveredAt is { } deliveredAt
            ? Rules.Options.FollowUpDays.Select(day => FollowUp(day, deliveredAt.PlusDays(day), now)).ToList()
            : [];
        return new IncidentView(
            Id, State.Kind, State.Severity, Status, CustomerId, Opening.DealershipId, IncidentFacts.JobCardOf(Opening.Data),
            Opening.OccurredAt, closedAt, State.Repeat, recovery, followUps,
            RecoveryRules.NpsBefore(State.Nps, Opening.OccurredAt), RecoveryRules.NpsAfter(State.Nps, closedAt),
            Rules.Retained(State.Visits, closedAt, IncidentFacts.JobCardOf(Opening.Data)), State.Note);
    }

    private FollowUpView FollowUp(int day, DateTimeOffset dueAt, DateTimeOffset now) => State.FollowUps.TryGetValue(day, out var done)
        ? new FollowUpView(day, dueAt, FollowUpStatus.Completed, done.CompletedAt, done.Outcome, done.Note, done.Expectations)
        : new FollowUpView(day, dueAt, now >= dueAt ? FollowUpStatus.Due : FollowUpStatus.Scheduled, null, null, null);
}
