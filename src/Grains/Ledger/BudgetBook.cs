using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The rules of a dealership budget (program.md), on its state and without a silo: awards drawn
/// oldest event first, top-ups, the auto top-up policy and its monthly cap.
/// </summary>
// Every sum is checked: a budget past long.MaxValue is an OverflowException, never a wrapped number.
public sealed class BudgetBook(string dealershipId, BudgetState state, RecentTransfers recent, BudgetPolicy defaultPolicy, ProgramCalendar calendar)
{
    private const int RecentTopUpsShown = 10;

    /// <summary>How long the budget waits before asking a pool that refused it again.</summary>
    public static readonly TimeSpan AutoTopUpRetry = TimeSpan.FromMinutes(1);

    public BudgetState State => state;

    public BudgetPolicy Policy => state.Policy ?? defaultPolicy;

    /// <summary>Starts a new month's counters when <paramref name="now"/> is in a later month.</summary>
    public void RollMonth(DateTimeOffset now)
    {
        var month = calendar.MonthOf(now);
        if (month == state.Month)
        {
            return;
        }

        state.Month = month;
        state.ToppedUpThisMonth = 0;
        state.AutoToppedUpThisMonth = 0;
        state.AutoTopUpsThisMonth = 0;
        state.SpentThisMonth = 0;
        state.CapReachedThisMonth = false;
    }

    /// <summary>
    /// Funds the award when no award of an older event is queued before it and the budget covers
    /// it; queues it by its event's time otherwise. A transfer seen before moves nothing and
    /// answers its current outcome.
    /// </summary>
    public AwardOutcome Award(AwardRequest award, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(award.Points);
        if (IsKnown(award))
        {
            return Outcome(award);
        }

        recent.Add(award.TransferId, award.Points);
        // Members ask concurrently, so awards arrive in no particular order, even those of one
        // batch: the queue is kept in event order, and an award goes behind those as old as it.
        var occurredAt = award.OccurredAt == default ? now : award.OccurredAt;
        var place = state.Pending.FindIndex(p => EventTime(p) > occurredAt);
        if (place < 0)
        {
            place = state.Pending.Count;
        }

        if (place == 0 && state.Available >= award.Points)
        {
            Spend(award.TransferId, award.Member, award.Points, award.Cause, now, award.Explanation);
            return new AwardOutcome(award.TransferId, Funded: true, Points: award.Points);
        }

        state.Pending.Insert(place, new PendingAward(award.TransferId, award.Member, award.Points, award.Cause, now, occurredAt, award.Explanation));
        return new AwardOutcome(award.TransferId, Funded: false, Points: award.Points);
    }

    // Awards queued before the event's time was kept have none: they are ordered by when they were queued.
    private static DateTimeOffset EventTime(PendingAward pending) => pending.OccurredAt == default ? pending.At : pending.OccurredAt;

    /// <summary>Whether <see cref="Award"/> has seen this transfer (or refuses its reversed cause): it would move nothing.</summary>
    public bool IsKnown(AwardRequest award) => recent.Contains(award.TransferId) || state.ReversedCauses.Contains(award.Cause);

    /// <summary>
    /// The award's outcome as the budget holds it now, with the points it took for the transfer:
    /// a member that lost its write may decide the replayed event differently (a tier it reached
    /// meanwhile through another dealership's event), and only what the budget moved may be credited.
    /// </summary>
    public AwardOutcome Outcome(AwardRequest award) =>
        state.ReversedCauses.Contains(award.Cause)
            ? new(award.TransferId, Funded: false, Reversed: true)
            : new(award.TransferId, !state.Pending.Exists(p => p.TransferId == award.TransferId), Points: recent.PointsOf(award.TransferId) ?? award.Points);

    /// <summary>
    /// Starts reversing <paramref name="original"/>: from now on its awards are refused. Its funded
    /// awards are collected next (from the journal) by <see cref="CollectReversal"/>.
    /// </summary>
    public void BeginReversal(EventKey original) => state.ReversedCauses.Add(LedgerIds.EventCause(original));

    public bool IsReversalCollected(EventKey original) => state.ReversalsCollected.Contains(LedgerIds.EventCause(original));

    /// <summary>
    /// Queues every award of <paramref name="original"/> to be moved back: the pending ones (dropped
    /// here at once) and the funded ones (<paramref name="funded"/>, the journal's award entries).
    /// </summary>
    public void CollectReversal(EventKey original, IReadOnlyList<LedgerEntry> funded, DateTimeOffset now)
    {
        var cause = LedgerIds.EventCause(original);
        foreach (var pending in state.Pending.Where(p => p.Cause == cause).ToList())
        {
            state.Pending.Remove(pending);
            Queue(new AwardReversal(pending.TransferId, pending.Member, pending.Points, Funded: false, original, dealershipId));
        }

        foreach (var entry in funded)
        {
            if (!state.ReversedTransfers.Contains(entry.Id) && MemberRef.TryParse(entry.To, out var member))
            {
                Queue(new AwardReversal(entry.Id, member, entry.Points, Funded: true, original, dealershipId));
            }
        }

        state.ReversalsCollected.Add(cause);
        // A dropped award may have been the head of the queue: those behind it may fit now.
        FundPending(now);

        void Queue(AwardReversal reversal)
        {
            if (!state.ReversalsToConfirm.Any(r => r.TransferId == reversal.TransferId))
            {
                state.Outbox.Put(new ReversalDelivery(reversal));
            }
        }
    }

    /// <summary>
    /// A member took back a reversed award: the points it had received come back here, and fund
    /// waiting awards as any other arrival of points does.
    /// </summary>
    public void ConfirmReversal(string transferId, DateTimeOffset now)
    {
        var index = state.Outbox.Deliveries.FindIndex(d => d is ReversalDelivery r && r.Reversal.TransferId == transferId);
        if (index < 0)
        {
            return;
        }

        var reversal = ((ReversalDelivery)state.Outbox.Deliveries[index]).Reversal;
        state.Outbox.Deliveries.RemoveAt(index);
        if (reversal.Funded && state.ReversedTransfers.Add(transferId))
        {
            state.Available = checked(state.Available + reversal.Points);
            state.AwardedTotal = checked(state.AwardedTotal - reversal.Points);
            FundPending(now);
        }
    }

    /// <summary>
    /// A member gave back part of an award (its condition failed later): the points come back here,
    /// once per return id, and fund waiting awards like any arrival of points. The award may still
    /// be pending: then it is paid in full when funded, and the member's debt settles the difference.
    /// </summary>
    public void Return(string returnId, long points, DateTimeOffset now)
    {
        if (!state.ReversedTransfers.Add(returnId))
        {
            return;
        }

        state.Available = checked(state.Available + points);
        state.AwardedTotal = checked(state.AwardedTotal - points);
        FundPending(now);
    }

    /// <summary>
    /// The auto top-up to ask the pool for now, if the policy calls for one: the budget is below
    /// the threshold (or has awards waiting), none is under way, and the month's cap allows it.
    /// Reaching the cap raises one notification a month.
    /// </summary>
    public TopUpRecord? AutoTopUpDue(DateTimeOffset now)
    {
        var policy = Policy;
        var isShort = state.Available < policy.Threshold || state.Pending.Count > 0;
        if (!isShort || policy.Amount <= 0 || now < state.AutoTopUpRetryAfter || state.TopUpsInFlight.Exists(t => t.Automatic))
        {
            return null;
        }

        if (state.AutoToppedUpThisMonth + policy.Amount > policy.MonthlyCap)
        {
            if (!state.CapReachedThisMonth)
            {
                state.CapReachedThisMonth = true;
                Notify(NotificationTypes.BudgetCapReached, NotificationIds.CapReached(state.Month), now, new Dictionary<string, string>
                {
                    ["month"] = state.Month,
                    ["monthlyCap"] = Text(policy.MonthlyCap),
                    ["autoToppedUp"] = Text(state.AutoToppedUpThisMonth),
                });
            }

            return null;
        }

        var topUp = new TopUpRecord(LedgerIds.AutoTopUp(dealershipId, state.Month, state.AutoTopUpsThisMonth + 1), now, policy.Amount, Automatic: true, "auto top-up");
        state.AutoTopUpsThisMonth++;
        state.TopUpsInFlight.Add(topUp);
        return topUp;
    }

    public bool IsTopUpDone(string idempotencyKey) => state.TopUpsByKey.ContainsKey(idempotencyKey);

    public bool IsTopUpInFlight(string idempotencyKey) => state.TopUpsInFlight.Exists(t => t.IdempotencyKey == idempotencyKey);

    /// <summary>Records an admin top-up as under way (the pool is asked next).</summary>
    public TopUpRecord BeginTopUp(string idempotencyKey, long points, string reason, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        var topUp = new TopUpRecord(LedgerIds.TopUp(dealershipId, idempotencyKey), now, points, Automatic: false, reason, idempotencyKey);
        state.TopUpsInFlight.Add(topUp);
        return topUp;
    }

    /// <summary>
    /// The pool's answer to a top-up under way: credit the budget and fund waiting awards oldest
    /// first, or (pool short) drop it.
    /// </summary>
    public void CompleteTopUp(TopUpRecord topUp, bool withdrawn, DateTimeOffset now)
    {
        state.TopUpsInFlight.RemoveAll(t => t.Id == topUp.Id);
        if (!withdrawn)
        {
            if (topUp.Automatic)
            {
                state.AutoTopUpsThisMonth--;
                state.AutoTopUpRetryAfter = now + AutoTopUpRetry;
            }

            return;
        }

        state.Available = checked(state.Available + topUp.Points);
        state.ToppedUpTotal = checked(state.ToppedUpTotal + topUp.Points);
        state.Outbox.Entries.Add(new LedgerEntry(
            topUp.Id, now, EntryKinds.TopUp, Accounts.Pool, Accounts.Budget(dealershipId), topUp.Points, dealershipId, SourceEventId: null, topUp.Reason));
        state.ToppedUpThisMonth = checked(state.ToppedUpThisMonth + topUp.Points);
        if (topUp.Automatic)
        {
            state.AutoToppedUpThisMonth = checked(state.AutoToppedUpThisMonth + topUp.Points);
        }

        if (topUp.IdempotencyKey is { } key)
        {
            state.TopUpsByKey[key] = topUp;
        }

        state.RecentTopUps.Insert(0, topUp);
        if (state.RecentTopUps.Count > RecentTopUpsShown)
        {
            state.RecentTopUps.RemoveAt(state.RecentTopUps.Count - 1);
        }

        Notify(NotificationTypes.BudgetTopUp, topUp.Id, now, new Dictionary<string, string>
        {
            ["points"] = Text(topUp.Points),
            ["automatic"] = topUp.Automatic ? "true" : "false",
            ["available"] = Text(state.Available),
        });
        FundPending(now);
    }

    private void FundPending(DateTimeOffset now)
    {
        while (state.Pending.Count > 0 && state.Available >= state.Pending[0].Points)
        {
            var award = state.Pending[0];
            state.Pending.RemoveAt(0);
            Spend(award.TransferId, award.Member, award.Points, award.Cause, now, award.Explanation);
            state.Outbox.Put(new FundedAwardDelivery(award with { At = now }));
            Notify(NotificationTypes.AwardFunded, award.TransferId, now, new Dictionary<string, string>
            {
                ["member"] = award.Member.ToString(),
                ["points"] = Text(award.Points),
                ["cause"] = award.Cause,
            }, target: award.Member.ToString());
        }
    }

    /// <summary>The budget as of <paramref name="now"/>: a month not yet rolled over counts as empty.</summary>
    public BudgetView View(DateTimeOffset now)
    {
        var thisMonth = calendar.MonthOf(now) == state.Month;
        return new(
            dealershipId,
            state.Available,
            thisMonth ? state.ToppedUpThisMonth : 0,
            thisMonth ? state.AutoToppedUpThisMonth : 0,
            thisMonth ? state.SpentThisMonth : 0,
            new PendingAwards(state.Pending.Count, state.Pending.Sum(p => p.Points)),
            Policy,
            [.. state.RecentTopUps],
            state.ToppedUpTotal,
            state.AwardedTotal);
    }

    private void Spend(string transferId, MemberRef member, long points, string cause, DateTimeOffset now, EntryExplanation? explanation)
    {
        state.Available = checked(state.Available - points);
        state.SpentThisMonth = checked(state.SpentThisMonth + points);
        state.AwardedTotal = checked(state.AwardedTotal + points);
        state.Outbox.Entries.Add(new LedgerEntry(
            transferId, now, EntryKinds.Award, Accounts.Budget(dealershipId), member.ToString(), points, dealershipId, cause, Note: null, Explanation: explanation));
    }

    private void Notify(string type, string id, DateTimeOffset now, Dictionary<string, string> data, string? target = null) =>
        state.Outbox.Notifications.Add(new Notification(NotificationIds.Of(type, id), type, target ?? NotificationTargets.Dealership(dealershipId), now, data, DealershipId: dealershipId));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
