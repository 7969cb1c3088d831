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

    // Answers an event must keep long enough for a late copy of it to be judged alike.
    private static readonly TimeSpan FeedbackMemoryLength = IntakeWindow.MaxAge * 2;

    private readonly CustomerEarning _earning = new(program.Value.CustomerEarning);
    private readonly TierRules _tiers = new(program.Value.Tiers);
    private readonly TierReviewCalendar _reviews = new(TimeZoneInfo.FindSystemTimeZoneById(program.Value.TimeZone));
    private readonly RecoveryRules _recovery = new(program.Value.Recovery);
    private readonly TimeSpan _feedbackWindow = TimeSpan.FromDays(program.Value.CustomerEarning.FeedbackWindowDays);
    private readonly TimeSpan _promptLifetime = TimeSpan.FromDays(program.Value.Tiers.UpgradePromptDays);

    // The referral grain's answers for the conversions of the batch being applied, by event key.
    private readonly Dictionary<string, ReferralClaim> _referrals = [];
    private bool _sendingNotices;

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
            [.. State.Prompts.Open.Where(p => p.RaisedAt + _promptLifetime > Now)],
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
                _referrals[EventKey(e)] = await GrainFactory.Reference<IReferralGrain>(referral.RefereeCustomerId)
                    .ClaimAsync(EventKey(e), referral.ReferrerCustomerId);
            }
        }
    }

    protected override bool Apply(DmsEvent e)
    {
        var changed = false;
        // A customer seen for the first time belongs to the dealership that reported them.
        if (State.HomeDealershipId.Length == 0)
        {
            State.HomeDealershipId = e.DealershipId;
            changed = true;
        }

        if (State.EnrolledOn is null)
        {
            State.EnrolledOn = _reviews.Today(Now);
            changed = true;
        }

        // Incidents this event opens are linked now, before any of them asks: the router sends
        // incidents their events only after the customers have applied theirs, so the repeat rule
        // sees every incident of the batch whatever order the incidents join in.
        foreach (var incidentId in _recovery.OpeningsOf(e.Data))
        {
            changed |= Incidents.Link(incidentId, e.OccurredAt, Now);
        }

        // The tier and bonus in force before the event: an event earns at the rate its customer
        // had, and what it changes counts from the next event on.
        var context = new EarningContext(State.Tier, _earning.IsLongTerm(State.Contracts.FirstSignedAt, e.OccurredAt));
        changed |= Earn(e, context);
        Requalify();
        return changed;
    }

    /// <summary>Applies the earning rows of program.md; true when the event changed the customer.</summary>
    private bool Earn(DmsEvent e, EarningContext context)
    {
        switch (e.Data)
        {
            case VisitCompleted visit:
                Credit(e, _earning.ForVisit(visit, context));
                Incidents.Remember(new VisitSeen(visit.JobCardId, visit.DeliveredAt), Now);
                return true;
            case AccessorySold sale:
                Credit(e, _earning.ForAccessory(sale, context));
                return true;
            case UpsellSold sale:
                Credit(e, _earning.ForUpsell(sale, context));
                return true;
            case CsatSubmitted csat:
                Feedback(e, csat.JobCardId, context);
                State.Prompts.DropStale(Now, _promptLifetime);
                if (csat is { Verified: true, Score: 5 } && State.Prompts.Raise(new UpgradePrompt(csat.SurveyId, e.DealershipId, e.OccurredAt)))
                {
                    Notify(NotificationTypes.UpgradePrompt, csat.SurveyId, $"dealership:{e.DealershipId}", new() { ["surveyId"] = csat.SurveyId, ["tier"] = Wire(State.Tier) });
                }

                return true;
            case NpsSubmitted nps:
                Feedback(e, nps.JobCardId, context);
                Incidents.Remember(new NpsReading(nps.Score, e.OccurredAt, nps.SurveyId), Now);
                return true;
            case ContractSigned contract:
                State.Contracts.Sign(contract, e.OccurredAt, TransferIdOf(e));
                State.Prompts.Answer(e.OccurredAt);
                Credit(e, _earning.ForContract(contract, context));
                return true;
            case ReferralConverted referral:
                Refer(e, referral, context);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Asks the event's budget for the points. They count towards the points tier from now, whether
    /// funded yet or pending: earned when credited, like the lot they join (a late event's points
    /// expire and stop qualifying from the day it arrived).
    /// </summary>
    private void Credit(DmsEvent e, long points)
    {
        if (points > 0)
        {
            Award(e, points);
            State.Qualifying.ForgetBefore(_tiers.WindowStart(Now));
            State.Qualifying.Add(TransferIdOf(e), Now, points);
        }
    }

    private void Feedback(DmsEvent e, string? jobCardId, EarningContext context)
    {
        State.Feedback.ForgetBefore(Now - FeedbackMemoryLength);
        if (State.Feedback.TryReward(jobCardId, e.OccurredAt, _feedbackWindow))
        {
            Credit(e, _earning.ForFeedback(context));
        }
    }

    /// <summary>
    /// Referrer and referee are rewarded at once, each by their own grain, for the conversion the
    /// referee's referral grain names; any other conversion of that referee earns nobody anything
    /// and is recorded, with the reason, on the referrer's ledger (events.md).
    /// </summary>
    private void Refer(DmsEvent e, ReferralConverted referral, EarningContext context)
    {
        var claim = _referrals[EventKey(e)];
        var asReferrer = referral.ReferrerCustomerId == CustomerId;
        if (claim.Rewarded)
        {
            Credit(e, asReferrer ? _earning.ForReferrer(context) : _earning.ForReferee(context));
        }
        else if (asReferrer)
        {
            State.Outbox.Entries.Add(new LedgerEntry(
                $"ignored:{TransferIdOf(e)}", Now, EntryKinds.Ignored, Self.ToString(), Self.ToString(), 0, e.DealershipId, EventKey(e),
                $"referee {referral.RefereeCustomerId} was already rewarded for a referral by {claim.RewardedReferrerId}"));
        }
    }

    /// <summary>Upgrades at once when the customer qualifies for more; a tier never goes down here (only at the yearly review).</summary>
    private void Requalify()
    {
        var qualified = _tiers.Qualified(State.Contracts.BestClass, Qualifying);
        if (qualified <= State.Tier)
        {
            return;
        }

        var from = State.Tier;
        State.Tier = qualified;
        Notify(NotificationTypes.TierUpgraded, $"{Wire(qualified)}:{Now.ToUnixTimeMilliseconds()}", $"customer:{CustomerId}",
            new() { ["from"] = Wire(from), ["to"] = Wire(qualified) });
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
        if (NextReview() is not { } reviewDate || TierReviewCalendar.DayKey(reviewDate) != TierReviewCalendar.DayKey(day))
        {
            // Moved to another day by the CRM (enrolled there by the write that moved it), or never enrolled.
            return false;
        }

        var changed = false;
        if (State.LastReviewedOn != day)
        {
            changed = true;
            State.LastReviewedOn = day;
            State.Qualifying.ForgetBefore(_tiers.WindowStart(Now));
            var qualified = _tiers.Qualified(State.Contracts.BestClass, Qualifying);
            if (qualified != State.Tier)
            {
                Notify(NotificationTypes.TierReviewed, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"customer:{CustomerId}",
                    new() { ["from"] = Wire(State.Tier), ["to"] = Wire(qualified) });
                State.Tier = qualified;
            }
        }

        // A Silver customer leaves the day's list: an upgrade later in the year must enrol it again.
        var stays = State.Tier > Tier.Silver;
        if (!stays && State.ReviewDayEnrolled is not null)
        {
            State.ReviewDayEnrolled = null;
            changed = true;
        }

        if (changed)
        {
            await SaveAsync();
        }

        return stays;
    }

    /// <summary>The CRM's review date, else the anniversary of enrolment; null for a customer no event has named.</summary>
    private DateOnly? NextReview() => State.Profile?.ReviewDate ?? State.EnrolledOn;

    /// <summary>The date of the next review, for the view: after the last one (or the enrolment day), not before today.</summary>
    private DateOnly? NextReviewOn()
    {
        if (NextReview() is not { } reviewDate)
        {
            return null;
        }

        var today = _reviews.Today(Now);
        var after = (State.LastReviewedOn ?? State.EnrolledOn)?.AddDays(1) ?? today;
        return TierReviewCalendar.NextOn(reviewDate, after > today ? after : today);
    }

    private void Notify(string type, string key, string target, Dictionary<string, string> data)
    {
        data["customerId"] = CustomerId;
        State.Outbox.Notifications.Add(new Notification($"{type}:{CustomerId}:{key}", type, target, Now, data, DealershipId: HomeDealershipId));
    }

    private static string EventKey(DmsEvent e) => $"{e.Source}:{e.Id}";

    private static string Wire(Tier tier) => tier.ToString().ToLowerInvariant();

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
        var transferId = $"recovery:{incidentId}:{Self}";
        // The cause is the incident, not an event: reversing the event that opened it does not
        // take back a recovery already given (see docs/decisions.md, service recovery).
        var funded = points <= 0
            || (await AwardDirectlyAsync(new AwardRequest(transferId, Self, points, $"recovery:{incidentId}"), dealershipId)).Funded;
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
        if (State.Tier == Tier.Silver || NextReview() is not { } reviewDate
            || State.ReviewDayEnrolled == TierReviewCalendar.DayKey(reviewDate))
        {
            return;
        }

        var dayKey = TierReviewCalendar.DayKey(reviewDate);
        await GrainFactory.Reference<ITierReviewGrain>(TierReviewCalendar.SliceKeyOf(dayKey, CustomerId)).EnrolAsync(CustomerId);
        State.ReviewDayEnrolled = dayKey;
    }

    /// <summary>
    /// Hands the notices to their incidents without waiting in this grain's turn: an incident may
    /// at this moment be waiting on this customer (to link itself or deliver its recovery), and
    /// waiting on it in return would lock both. Only what was taken leaves the list (persisted
    /// with the next write); what a crash or a failure leaves is sent again on activation.
    /// </summary>
    private void SendNotices()
    {
        if (_sendingNotices || Incidents.Notices.Count == 0)
        {
            return;
        }

        _sendingNotices = true;
        _ = SendNoticesAsync();
    }

    private async Task SendNoticesAsync()
    {
        try
        {
            var batch = Incidents.Notices.ToList();
            await Task.WhenAll(batch.GroupBy(n => n.IncidentId).Select(g =>
                GrainFactory.Reference<IIncidentGrain>(g.Key).NoticeAsync([.. g.Select(n => n.Notice)])));
            Incidents.Notices.RemoveAll(batch.Contains);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Customer {CustomerId} could not notify its incidents; it will try again", this.GetPrimaryKeyString());
        }
        finally
        {
            _sendingNotices = false;
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
