using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Recovery;

namespace Pitstop.Grains.Loyalty;

public sealed partial class CustomerGrain(
    [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state,
    IOptions<ProgramOptions> program,
    MemberServices services,
    ILogger<CustomerGrain> logger)
    : MemberGrain<CustomerState>(state, services), ICustomerGrain
{
    private static readonly TimeSpan ExpiringSoon = TimeSpan.FromDays(90);

    private readonly CustomerDecider _decider = new(program.Value, services.Calendar);
    private readonly CustomerEarning _earning = new(program.Value.CustomerEarning);
    private readonly TierRules _tiers = new(program.Value.Tiers);
    private readonly ProgramCalendar _calendar = services.Calendar;
    private readonly RecoveryRules _recovery = new(program.Value.Recovery);

    // The referral grain's answers for the conversions of the batch being applied, by event key.
    private readonly Dictionary<string, ReferralClaim> _referrals = [];

    private AfterWriteDispatch? _dispatch;

    protected override Tier? RedemptionTier => State.Tier;

    protected override string? HomeDealershipId => State.HomeDealershipId.Length == 0 ? null : State.HomeDealershipId;

    protected override MemberRef Self => new(MemberKind.Customer, CustomerId);

    private string CustomerId => this.GetPrimaryKeyString();

    private CustomerIncidents Incidents => State.Incidents;

    private long Qualifying => State.Qualifying.Since(_tiers.WindowStart(Now));

    public Task<CustomerView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    private CustomerView View()
    {
        var qualifying = Qualifying;
        var progress = _tiers.Progress(State.Tier, qualifying);
        return new CustomerView(
            CustomerId, State.Tier, State.Wallet.ToBalance(), State.HomeDealershipId, State.EventsApplied,
            [.. ExpiringWithin(ExpiringSoon).Select(l => new ExpiringPoints(l.Points, l.ExpiresAt))], State.Profile,
            new TierProgress(qualifying, TierRules.ForVehicle(State.Contracts.BestClass), _tiers.ForPoints(qualifying), progress?.Next, progress?.Needed),
            [.. State.Contracts.ByVin.Values.OrderBy(c => c.SignedAt).Select(c => c.ToView())],
            [.. State.Prompts.Open.Where(p => p.RaisedAt + _decider.PromptLifetime > Now)],
            NextReviewOn(),
            _earning.IsLongTerm(State.Contracts.FirstSignedAt, Now));
    }

    protected override async Task PrepareAsync(IReadOnlyList<DmsEvent> events)
    {
        _referrals.Clear();
        foreach (var e in events)
        {
            if (e.Data is ReferralConverted referral && !State.Applied.Contains(e))
            {
                _referrals[LedgerIds.EventCause(e.Key)] = await GrainFactory.Reference<IReferralGrain>(referral.RefereeCustomerId)
                    .ClaimAsync(LedgerIds.EventCause(e.Key), referral.ReferrerCustomerId);
            }
        }
    }

    protected override bool Apply(DmsEvent e)
    {
        var decision = _decider.Apply(State, CustomerId, e, _referrals.GetValueOrDefault(LedgerIds.EventCause(e.Key)), Now);
        Take(decision.Effects);
        return decision.Changed;
    }

    protected override void OnAwardReversed(string transferId, long points)
    {
        // A reversed earning stops counting towards the points tier, a reversed contract towards
        // the vehicle tier; the tier itself waits for the review, like any downgrade (decisions).
        State.Qualifying.Remove(transferId);
        State.Contracts.Reverse(transferId);
    }

    protected override async Task BeforeWriteAsync()
    {
        await base.BeforeWriteAsync();
        await BeforeSaveAsync();
    }

    /// <summary>
    /// What other grains must hold before this customer's state does: the census its tier, the
    /// review day its enrolment. Told first, a crash between the two leaves the other grain ahead
    /// (a census counts once, a review of a customer back at Silver drops them), never behind: a
    /// Gold customer stored but not enrolled would miss its review unless activated before its day.
    /// </summary>
    protected override async Task BeforeSaveAsync()
    {
        await CountInCensusAsync();
        await EnrolForReviewAsync();
    }

    /// <summary>
    /// Tells the home dealership's census the tier, when it has not counted this one yet. Waited on
    /// before the write (the census calls no grain, so nothing can wait on this customer in turn):
    /// a crash before the write tells it again, which counts once.
    /// </summary>
    private async Task CountInCensusAsync()
    {
        if (HomeDealershipId is { } home && State.CensusTier != State.Tier)
        {
            await GrainFactory.Reference<ITierCensusGrain>(TierCensus.KeyOf(home, CustomerId)).CountAsync(CustomerId, State.Tier);
            State.CensusTier = State.Tier;
        }
    }

    public async Task<bool> ReviewTierAsync(DateOnly day)
    {
        if (_decider.Review(State, CustomerId, day, Now) is not { } decision)
        {
            return false;
        }

        Take(decision.Effects);
        if (decision.Changed)
        {
            await SaveAsync();
        }

        return State.Tier > Tier.Silver;
    }

    /// <summary>The date of the next review, for the view: after the last one (or the enrolment day), not before today.</summary>
    private DateOnly? NextReviewOn()
    {
        if (CustomerDecider.NextReview(State) is not { } reviewDate)
        {
            return null;
        }

        var today = _calendar.DayOf(Now);
        var after = (State.LastReviewedOn ?? State.EnrolledOn)?.AddDays(1) ?? today;
        return TierReviewCalendar.NextOn(reviewDate, after > today ? after : today);
    }

    public async Task<CustomerProfile> SetProfileAsync(CustomerProfile profile)
    {
        State.Profile = profile;
        await SaveAsync();
        return profile;
    }

    public async Task<IncidentContext> JoinIncidentAsync(string incidentId, DateTimeOffset openedAt)
    {
        var linked = Incidents.Links.Count;
        var context = Incidents.Join(incidentId, openedAt, _recovery.IsRepeat, Now);
        // Usually linked already, by the event that opened it.
        if (Incidents.Links.Count != linked)
        {
            // Persisted before the incident goes on: a later incident's repeat rule depends on it.
            await WriteOrReloadAsync();
        }

        return context;
    }

    public async Task<RecoveryOutcome> ReceiveRecoveryAsync(string incidentId, long points, string dealershipId)
    {
        if (Incidents.Recoveries.TryGetValue(incidentId, out var received))
        {
            return new RecoveryOutcome(received.Category, received.FundedAt is not null, received.FundedAt);
        }

        var category = RecoveryRules.CategoryFor(State.Profile?.Preferences ?? [], RedeemedByExperience());
        var transferId = LedgerIds.RecoveryTransfer(incidentId, Self);
        // The cause is the incident, not an event: reversing the event that opened it does not
        // take back a recovery already given (see docs/decisions.md, service recovery).
        var funded = points <= 0
            || (await AwardDirectlyAsync(new AwardRequest(transferId, Self, points, LedgerIds.RecoveryCause(incidentId)), dealershipId)).Funded;
        received = new RecoveryReceived(transferId, category, funded ? Now : null);
        Incidents.Recoveries[incidentId] = received;
        await SaveAsync();
        return new RecoveryOutcome(category, funded, received.FundedAt);
    }

    protected override void OnAwardFunded(FundedAward award)
    {
        foreach (var (incidentId, received) in Incidents.Recoveries.Where(r => r.Value.TransferId == award.TransferId && r.Value.FundedAt is null).ToList())
        {
            Incidents.Recoveries[incidentId] = received with { FundedAt = award.FundedAt };
            Incidents.Notices.Add(new PendingNotice(incidentId, new CustomerNotice(CustomerNoticeKind.RecoveryFunded, award.FundedAt, award.TransferId)));
        }
    }

    protected override async Task SendOutboxAsync()
    {
        await base.SendOutboxAsync();
        SendNotices();
    }

    /// <summary>
    /// A customer above Silver is enrolled for the review day of the year its review date falls on,
    /// with that day's slice for its id. Awaited inside this grain's turn: the review grain is
    /// reentrant, so it takes the enrolment even while it waits on this customer's review.
    /// Enrolling twice changes nothing.
    /// </summary>
    private async Task EnrolForReviewAsync()
    {
        if (State.Tier == Tier.Silver || CustomerDecider.NextReview(State) is not { } reviewDate
            || State.ReviewDayEnrolled == TierReviewCalendar.DayKey(reviewDate))
        {
            return;
        }

        var dayKey = TierReviewCalendar.DayKey(reviewDate);
        await GrainFactory.Reference<ITierReviewGrain>(TierReviewCalendar.SliceKeyOf(dayKey, CustomerId)).EnrolAsync(CustomerId);
        State.ReviewDayEnrolled = dayKey;
    }

    /// <summary>
    /// Hands each incident its notices after the write (<see cref="AfterWriteDispatch"/>): an
    /// incident may at this moment be waiting on this customer, to link itself or deliver its recovery.
    /// </summary>
    private void SendNotices()
    {
        foreach (var incident in Incidents.Notices.GroupBy(n => n.IncidentId).ToList())
        {
            (_dispatch ??= new(logger, this)).Send(
                $"incident:{incident.Key}", [.. incident],
                notices => GrainFactory.Reference<IIncidentGrain>(incident.Key).NoticeAsync([.. notices.Select(n => n.Notice)]),
                taken => Incidents.Notices.RemoveAll(taken.Contains));
        }
    }

    // Items redeemed (not cancelled) per experience category.
    private Dictionary<ExperienceCategory, int> RedeemedByExperience() => State.Redemptions.Values
        .Where(r => r.Status != RedemptionStatus.Cancelled)
        .Select(r => (Experience: ExperienceOf(r.Category), r.Quantity))
        .Where(r => r.Experience is not null)
        .GroupBy(r => r.Experience!.Value)
        .ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));

    // The catalog's categories that are experiences (the others: accessories, service, cash).
    private static ExperienceCategory? ExperienceOf(RewardCategory? category) => category switch
    {
        RewardCategory.Dining => ExperienceCategory.Dining,
        RewardCategory.Wellness => ExperienceCategory.Wellness,
        RewardCategory.Adventure => ExperienceCategory.Adventure,
        RewardCategory.Lifestyle => ExperienceCategory.Lifestyle,
        _ => null,
    };
}
