using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Wallets;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// A customer's rules (program.md: earning, tiers, feedback, referrals; the incidents an event
/// opens): given the customer's state, one event, what the referee's referral answered and the
/// program time, it changes that state and returns everything else as <see cref="MemberEffects"/>.
/// It asks no one and keeps nothing: <see cref="CustomerGrain"/> asks the referrals before and the
/// budgets after, then persists and dispatches. Every award names its rule, inputs and
/// <paramref name="programVersion"/>, the version these rules are.
/// </summary>
public sealed class CustomerDecider(ProgramOptions program, ProgramCalendar calendar, int programVersion)
{
    // Answers an event must keep long enough for a late copy of it to be judged alike.
    private static readonly TimeSpan FeedbackMemoryLength = IntakeWindow.MaxAge * 2;

    private readonly CustomerEarning _earning = new(program.CustomerEarning);
    private readonly TierRules _tiers = new(program.Tiers);
    private readonly RecoveryRules _recovery = new(program.Recovery);
    private readonly TimeSpan _feedbackWindow = TimeSpan.FromDays(program.CustomerEarning.FeedbackWindowDays);
    private readonly TimeSpan _expiryNotice = TimeSpan.FromDays(program.ExpiryNoticeDays);
    private readonly int _programVersion = programVersion;

    /// <summary>How long an upgrade prompt stays open.</summary>
    public TimeSpan PromptLifetime { get; } = TimeSpan.FromDays(program.Tiers.UpgradePromptDays);

    /// <summary>
    /// Applies an event not applied before. A referral conversion needs <paramref name="referral"/>,
    /// the referee's referral's answer about it.
    /// </summary>
    public MemberDecision Apply(CustomerState state, string customerId, DmsEvent e, ReferralClaim? referral, DateTimeOffset now)
    {
        var turn = new Turn(this, state, customerId, now);
        var changed = false;
        // A customer seen for the first time belongs to the dealership that reported them.
        if (state.HomeDealershipId.Length == 0)
        {
            state.HomeDealershipId = e.DealershipId;
            changed = true;
        }

        if (state.EnrolledOn is null)
        {
            state.EnrolledOn = calendar.DayOf(now);
            changed = true;
        }

        // Incidents this event opens are linked now, before any of them asks: the router sends
        // incidents their events only after the customers have applied theirs, so the repeat rule
        // sees every incident of the batch whatever order the incidents join in.
        foreach (var incidentId in _recovery.OpeningsOf(e.Data))
        {
            changed |= state.Incidents.Link(incidentId, e.OccurredAt, now);
        }

        // The tier and bonus in force before the event: an event earns at the rate its customer
        // had, and what it changes counts from the next event on.
        var context = new EarningContext(state.Tier, _earning.IsLongTerm(state.Contracts.FirstSignedAt, e.OccurredAt));
        changed |= turn.Earn(e, context, referral);
        turn.Requalify();
        return new MemberDecision(changed, turn.Effects);
    }

    /// <summary>
    /// The yearly review of <paramref name="day"/>: the tier becomes what the last 12 months qualify
    /// for, up or down, once per day. Null when it is not the customer's review day.
    /// </summary>
    public MemberDecision? Review(CustomerState state, string customerId, DateOnly day, DateTimeOffset now)
    {
        var changed = false;
        if (NextReview(state) is not { } reviewDate || TierReviewCalendar.DayKey(reviewDate) != TierReviewCalendar.DayKey(day))
        {
            // Moved to another day by the CRM (enrolled there by the write that moved it), or never enrolled.
            return null;
        }

        var turn = new Turn(this, state, customerId, now);
        if (state.LastReviewedOn != day)
        {
            changed = true;
            state.LastReviewedOn = day;
            state.Qualifying.ForgetBefore(_tiers.WindowStart(now));
            var qualified = _tiers.Qualified(state.Contracts.BestClass, state.Qualifying.Since(_tiers.WindowStart(now)));
            turn.TallyReview(state.Tier, qualified, day);
            if (qualified != state.Tier)
            {
                turn.Notify(NotificationTypes.TierReviewed, NotificationIds.TierReview(day), NotificationTargets.Customer(customerId),
                    new() { ["from"] = Wire(state.Tier), ["to"] = Wire(qualified) });
                state.Tier = qualified;
            }
        }

        // A Silver customer leaves the day's list: an upgrade later in the year must enrol it again.
        if (state.Tier == Tier.Silver && state.ReviewDayEnrolled is not null)
        {
            state.ReviewDayEnrolled = null;
            changed = true;
        }

        return new MemberDecision(changed, turn.Effects);
    }

    /// <summary>
    /// Tells the customer of the lots that expire within the notice period and were not told of
    /// before: one notice per expiry day, with the points expiring that day.
    /// </summary>
    public MemberDecision NoticeExpiring(CustomerState state, string customerId, DateTimeOffset now)
    {
        var until = now + _expiryNotice;
        var from = state.ExpiryNoticesUntil is { } told && told > now ? told : now;
        var turn = new Turn(this, state, customerId, now);
        foreach (var day in state.Wallet.ExpiringBetween(from, until).GroupBy(l => calendar.DayOf(l.ExpiresAt)).OrderBy(d => d.Key))
        {
            var points = day.Sum(l => l.Points);
            turn.Notify(NotificationTypes.PointsExpiring, NotificationIds.Expiring(day.Key), NotificationTargets.Customer(customerId), new()
            {
                ["points"] = points.ToString(CultureInfo.InvariantCulture),
                ["expiresOn"] = NotificationIds.Expiring(day.Key),
            });
        }

        // Written only with a notice: the mark moves on every call (the sweep's windows overlap, so a
        // customer is asked many times), and a mark not stored only makes the next call look at
        // days that had no lots.
        state.ExpiryNoticesUntil = until;
        return new MemberDecision(turn.Effects.Notifications.Count > 0, turn.Effects);
    }

    /// <summary>
    /// The first time the referral-code route hands a customer the engine knows their code, it counts
    /// as issued, in the month it was asked for; a customer not seen yet has no dealership to count it under.
    /// </summary>
    public MemberDecision IssueReferralCode(CustomerState state, string customerId, DateTimeOffset now)
    {
        var turn = new Turn(this, state, customerId, now);
        if (state.ReferralCodeIssuedAt is not null || state.HomeDealershipId.Length == 0)
        {
            return new MemberDecision(false, turn.Effects);
        }

        state.ReferralCodeIssuedAt = now;
        turn.Tally(LoyaltyTallyKind.ReferralCodeIssued, "code");
        return new MemberDecision(true, turn.Effects);
    }

    /// <summary>
    /// Counts the redemptions placed and cancelled since the last count, each in the month it was
    /// placed: a cancellation takes its redemption off that month, whenever it comes.
    /// </summary>
    public MemberDecision TallyRedemptions(CustomerState state, string customerId, DateTimeOffset now)
    {
        var turn = new Turn(this, state, customerId, now);
        var changed = false;
        foreach (var redemption in state.Redemptions.Values.OrderBy(r => r.PlacedAt))
        {
            if (state.RedemptionsTallied.Add(redemption.Id))
            {
                turn.Tally(LoyaltyTallyKind.Redemption, redemption.Id, category: redemption.Category, points: redemption.Points, at: redemption.PlacedAt);
                changed = true;
            }

            if (redemption.Status == RedemptionStatus.Cancelled && state.RedemptionsTallied.Add(LedgerIds.Refund(redemption.Id)))
            {
                turn.Tally(LoyaltyTallyKind.RedemptionCancelled, redemption.Id, category: redemption.Category, points: redemption.Points, at: redemption.PlacedAt);
                changed = true;
            }
        }

        return new MemberDecision(changed, turn.Effects);
    }

    /// <summary>
    /// After a redemption is placed or cancelled: tells each recovery the customer received how many
    /// of its points they have now redeemed, when that changed (recovery analytics).
    /// </summary>
    public static MemberDecision TellRecoveriesRedeemed(CustomerState state, DateTimeOffset now)
    {
        var effects = new MemberEffects();
        effects.Deliveries.AddRange(state.Incidents.TellRedeemed(
            state.Redemptions.Values.Where(r => r.Status != RedemptionStatus.Cancelled).Select(r => new RedemptionSpent(r.Id, r.PlacedAt, r.Points)), now));
        return new MemberDecision(effects.Deliveries.Count > 0, effects);
    }

    /// <summary>The CRM's review date, else the anniversary of enrolment; null for a customer no event has named.</summary>
    public static DateOnly? NextReview(CustomerState state) => state.Profile?.ReviewDate ?? state.EnrolledOn;

    public static string Wire(Tier tier) => WireNames.Of(tier);

    private string MonthOf(DateTimeOffset time) => calendar.MonthOf(time);

    /// <summary>One decision: the state it changes, and the effects it collects.</summary>
    private sealed class Turn(CustomerDecider rules, CustomerState state, string customerId, DateTimeOffset now)
    {
        private readonly MemberRef _self = new(MemberKind.Customer, customerId);

        public MemberEffects Effects { get; } = new();

        private long Qualifying => state.Qualifying.Since(rules._tiers.WindowStart(now));

        /// <summary>Applies the earning rows of program.md; true when the event changed the customer.</summary>
        public bool Earn(DmsEvent e, EarningContext context, ReferralClaim? referral)
        {
            var earning = rules._earning;
            switch (e.Data)
            {
                case VisitCompleted visit:
                    Credit(e, earning.ForVisit(visit, context));
                    Effects.Deliveries.AddRange(state.Incidents.Remember(new VisitSeen(visit.JobCardId, visit.DeliveredAt), now));
                    return true;
                case AccessorySold sale:
                    Credit(e, earning.ForAccessory(sale, context));
                    return true;
                case UpsellSold sale:
                    Credit(e, earning.ForUpsell(sale, context));
                    return true;
                case CsatSubmitted csat:
                    Feedback(e, csat.JobCardId, context);
                    state.Prompts.DropStale(now, rules.PromptLifetime);
                    if (csat is { Verified: true, Score: 5 } && state.Prompts.Raise(new UpgradePrompt(csat.SurveyId, e.DealershipId, e.OccurredAt)))
                    {
                        Notify(NotificationTypes.UpgradePrompt, csat.SurveyId, NotificationTargets.Dealership(e.DealershipId), new() { ["surveyId"] = csat.SurveyId, ["tier"] = Wire(state.Tier) });
                    }

                    return true;
                case NpsSubmitted nps:
                    Feedback(e, nps.JobCardId, context);
                    Effects.Deliveries.AddRange(state.Incidents.Remember(new NpsReading(nps.Score, e.OccurredAt, nps.SurveyId), now));
                    return true;
                case SupportCaseClosed support:
                    // The call centre or escalation desk: a complaint of theirs not yet recovered has escalated.
                    Effects.Deliveries.AddRange(state.Incidents.Remember(new SupportCaseSeen(support.CaseId, support.OpenedAt), now));
                    return true;
                case ContractSigned contract:
                    state.Contracts.Sign(contract, e.OccurredAt, LedgerIds.EventTransfer(e.Key, _self));
                    state.Prompts.Answer(e.OccurredAt);
                    Credit(e, earning.ForContract(contract, context));
                    return true;
                case ReferralConverted conversion:
                    Refer(e, conversion, referral ?? throw new InvalidOperationException($"referral {e.Key} was applied without its referral's answer"), context);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Upgrades at once when the customer qualifies for more; a tier never goes down here (only at the yearly review).</summary>
        public void Requalify()
        {
            var qualified = rules._tiers.Qualified(state.Contracts.BestClass, Qualifying);
            if (qualified <= state.Tier)
            {
                return;
            }

            var from = state.Tier;
            state.Tier = qualified;
            var key = NotificationIds.TierUpgrade(Wire(qualified), now);
            Notify(NotificationTypes.TierUpgraded, key, NotificationTargets.Customer(customerId),
                new() { ["from"] = Wire(from), ["to"] = Wire(qualified) });
            Tally(LoyaltyTallyKind.TierUpgrade, key, qualified);
        }

        /// <summary>
        /// What a yearly review did, for the dashboard: a tier kept above Silver is a renewal, a
        /// lower one a downgrade, a higher one (qualified since, not yet applied) an upgrade. A
        /// review on the day the customer was first seen (their enrolment day not swept yet) renews
        /// nothing: the tier was reached that day.
        /// </summary>
        public void TallyReview(Tier from, Tier to, DateOnly day)
        {
            var fact = NotificationIds.TierReview(day);
            if (to == from && to > Tier.Silver && state.EnrolledOn != day)
            {
                Tally(LoyaltyTallyKind.TierRenewal, fact, to);
            }
            else if (to != from)
            {
                Tally(to > from ? LoyaltyTallyKind.TierUpgrade : LoyaltyTallyKind.TierDowngrade, fact, to);
            }
        }

        /// <summary>
        /// Counts a change in the home dealership's month of <paramref name="at"/> (default: now), under
        /// a key made of what it counts, the customer and <paramref name="fact"/> (the same whenever it is sent).
        /// </summary>
        public void Tally(LoyaltyTallyKind kind, string fact, Tier? tier = null, RewardCategory? category = null, long points = 0, DateTimeOffset? at = null)
        {
            if (state.HomeDealershipId.Length > 0)
            {
                Effects.Deliveries.Add(new LoyaltyTallyDelivery(new LoyaltyTally(
                    $"{kind}|{customerId}|{fact}", state.HomeDealershipId, rules.MonthOf(at ?? now), kind, tier, category, points)));
            }
        }

        public void Notify(string type, string key, string target, Dictionary<string, string> data)
        {
            data["customerId"] = customerId;
            Effects.Notifications.Add(new Notification(
                NotificationIds.OfMember(type, customerId, key), type, target, now, data, DealershipId: state.HomeDealershipId.Length == 0 ? null : state.HomeDealershipId));
        }

        /// <summary>
        /// Asks the event's budget for the points. They count towards the points tier from now, whether
        /// funded yet or pending: earned when credited, like the lot they join (a late event's points
        /// expire and stop qualifying from the day it arrived).
        /// </summary>
        private void Credit(DmsEvent e, Earned earned)
        {
            var points = earned.Points;
            if (points > 0)
            {
                var transferId = LedgerIds.EventTransfer(e.Key, _self);
                Effects.Awards.Add(new AwardAsk(transferId, points, LedgerIds.EventCause(e.Key), e.DealershipId, e.OccurredAt, earned.Explain(rules._programVersion)));
                state.Qualifying.ForgetBefore(rules._tiers.WindowStart(now));
                state.Qualifying.Add(transferId, now, points);
            }
        }

        private void Feedback(DmsEvent e, string? jobCardId, EarningContext context)
        {
            state.Feedback.ForgetBefore(now - FeedbackMemoryLength);
            if (state.Feedback.TryReward(jobCardId, e.OccurredAt, rules._feedbackWindow))
            {
                Credit(e, rules._earning.ForFeedback(context));
            }
        }

        /// <summary>
        /// Referrer and referee are rewarded at once, each by their own grain, for the conversion the
        /// referee's referral names; any other conversion of that referee earns nobody anything and is
        /// recorded, with the reason, on the referrer's ledger (events.md).
        /// </summary>
        private void Refer(DmsEvent e, ReferralConverted conversion, ReferralClaim claim, EarningContext context)
        {
            var asReferrer = conversion.ReferrerCustomerId == customerId;
            if (claim.Rewarded)
            {
                var earned = asReferrer ? rules._earning.ForReferrer(context) : rules._earning.ForReferee(context);
                Credit(e, earned);
                var fact = LedgerIds.EventCause(e.Key);
                Tally(LoyaltyTallyKind.ReferralPoints, fact, points: earned.Points);
                if (asReferrer)
                {
                    Tally(LoyaltyTallyKind.ReferralConverted, fact);
                }
            }
            else if (asReferrer)
            {
                Effects.Entries.Add(new LedgerEntry(
                    LedgerIds.Ignored(LedgerIds.EventTransfer(e.Key, _self)), now, EntryKinds.Ignored, _self.ToString(), _self.ToString(), 0, e.DealershipId, LedgerIds.EventCause(e.Key),
                    $"referee {conversion.RefereeCustomerId} was already rewarded for a referral by {claim.RewardedReferrerId}"));
            }
        }
    }
}
