using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Grains.Wallets;

/// <summary>
/// A member's wallet as its grain uses it — customers and staff alike. Points a member earns are
/// awards drawn on the budget of the dealership that caused them: the budget is asked before the
/// member's write, under a transfer id derived from the cause, so a replay after a crash gets the
/// same answer and moves nothing twice. Redemptions, refunds, expiry and reversals are journalled
/// from the member's outbox after its write. The wallet changes the member's state in memory and
/// says what else happened; the grain persists and dispatches, in its own order. A lot lives as
/// long as the program version in force when it is earned, for the dealership that pays for it,
/// says (<paramref name="lotsAt"/>).
/// </summary>
public sealed class MemberWallet(
    MemberRef self, Func<MemberState> state, IWalletCounterparties counterparties, ProgramClock clock, Func<DateTimeOffset, string, Task<LotCalendar>> lotsAt)
{
    private readonly List<(AwardRequest Request, string DealershipId)> _awards = [];
    private readonly List<BudgetReturn> _returns = [];

    private MemberState State => state();

    private Wallet Wallet => State.Wallet;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Takes a decision's effects: awards to ask and points to give back wait for
    /// <see cref="AskBudgetsAsync"/>; entries, notifications and deliveries leave with the outbox after the write.
    /// </summary>
    public void Take(MemberEffects effects)
    {
        _awards.AddRange(effects.Awards.Select(a => (new AwardRequest(a.TransferId, self, a.Points, a.Cause, a.OccurredAt, a.Explanation), a.DealershipId)));
        _returns.AddRange(effects.Returns);
        State.Outbox.Entries.AddRange(effects.Entries);
        State.Outbox.Notifications.AddRange(effects.Notifications);
        effects.Deliveries.ForEach(State.Outbox.Put);
    }

    /// <summary>
    /// Gives back the points taken and asks for the awards decided, each budget once, and credits
    /// or holds them pending. Answers the awards the budget refused because their event was
    /// reversed first: the member un-counts them. Called before the write.
    /// </summary>
    public async Task<IReadOnlyList<AwardRequest>> AskBudgetsAsync()
    {
        // A crash after a budget took points back replays the event, and the budget credits a
        // return id once.
        var returns = _returns.ToList();
        _returns.Clear();
        await Task.WhenAll(returns.Select(r => counterparties.ReturnAsync(r.DealershipId, r.ReturnId, r.Points)));

        var awards = _awards.ToList();
        _awards.Clear();
        var refused = new List<AwardRequest>();
        foreach (var byDealership in awards.GroupBy(a => a.DealershipId))
        {
            var requests = byDealership.Select(a => a.Request).ToList();
            var outcomes = await counterparties.AwardAsync(byDealership.Key, requests);
            var lots = await lotsAt(Now, byDealership.Key);
            refused.AddRange(requests.Zip(outcomes).Where(r => !Settle(r.First, r.Second, byDealership.Key, lots)).Select(r => r.First));
        }

        return refused;
    }

    /// <summary>Asks <paramref name="dealershipId"/>'s budget for one award no event causes (a recovery, a spot award), and credits it or holds it pending.</summary>
    public async Task<AwardOutcome> AwardAsync(AwardRequest request, string dealershipId)
    {
        var outcome = (await counterparties.AwardAsync(dealershipId, [request]))[0];
        Settle(request, outcome, dealershipId, await lotsAt(Now, dealershipId));
        return outcome;
    }

    // False when the budget refused the award because its event was reversed: nothing is owed.
    private bool Settle(AwardRequest request, AwardOutcome outcome, string dealershipId, LotCalendar lots)
    {
        if (outcome.Reversed)
        {
            State.RefusedAsReversed.Add(request.TransferId);
            return false;
        }

        // What the budget took for the transfer, which a replay may have decided differently.
        var points = outcome.Points > 0 ? outcome.Points : request.Points;
        if (outcome.Funded)
        {
            Wallet.Earn(points, lots.ExpiryOf(Now));
        }
        else
        {
            Wallet.AddPending(request.TransferId, points, dealershipId);
        }

        return true;
    }

    /// <summary>
    /// Credits pending awards their budget funded; answers those credited now. An id not pending
    /// here was funded already or belongs to an event this member has not persisted yet, whose
    /// replay will ask the budget, which answers "funded".
    /// </summary>
    public async Task<IReadOnlyList<FundedAward>> FundAsync(IReadOnlyList<FundedAward> awards)
    {
        var pending = Wallet.PendingCredits.ToDictionary(p => p.TransferId, p => p.DealershipId, StringComparer.Ordinal);
        var distinct = awards.DistinctBy(a => a.TransferId, StringComparer.Ordinal).Where(a => pending.ContainsKey(a.TransferId)).ToList();
        var expiries = new List<(string, DateTimeOffset)>(distinct.Count);
        foreach (var award in distinct)
        {
            expiries.Add((award.TransferId, (await lotsAt(award.FundedAt, pending[award.TransferId])).ExpiryOf(award.FundedAt)));
        }

        var funded = Wallet.Fund(expiries).ToHashSet(StringComparer.Ordinal);
        return [.. distinct.Where(a => funded.Contains(a.TransferId))];
    }

    /// <summary>
    /// Takes back awards whose event was reversed, once each; answers those the member must
    /// un-count (what else they counted, like KPI points), or null when none was new here.
    /// <paramref name="applied"/> says whether the member applied an event.
    /// </summary>
    public IReadOnlyList<AwardReversal>? Reverse(IReadOnlyList<AwardReversal> reversals, Func<EventKey, bool> applied)
    {
        List<AwardReversal>? uncount = null;
        foreach (var reversal in reversals.Where(r => State.ReversedTransfers.Add(r.TransferId)))
        {
            uncount ??= [];
            var wasPending = Wallet.DropPending(reversal.TransferId);
            // Held here only if this member applied the event, its award was not pending and the
            // budget did not refuse it as reversed. If the event is not applied yet, its award will
            // be refused when it is: nothing to take.
            var refused = State.RefusedAsReversed.Contains(reversal.TransferId);
            if (!wasPending && !refused && applied(reversal.Original))
            {
                Wallet.TakeBack(reversal.Points);
                uncount.Add(reversal);
            }
            else if (wasPending)
            {
                uncount.Add(reversal);
            }

            // A funded award left the budget for this wallet (the journal shows it): it goes back
            // in the journal too, whether the wallet had received it yet or not.
            if (reversal.Funded)
            {
                State.Outbox.Entries.Add(new LedgerEntry(
                    LedgerIds.Reversal(reversal.TransferId), Now, EntryKinds.Reversal, self.ToString(), Accounts.Budget(reversal.DealershipId),
                    reversal.Points, reversal.DealershipId, LedgerIds.EventCause(reversal.Original), "event reversed", Reverses: reversal.TransferId));
            }
        }

        return uncount;
    }

    /// <summary>Moves the lots that are due to expired, journalled; whether any was.</summary>
    public bool ExpireDue()
    {
        var expired = Wallet.ExpireDue(Now);
        foreach (var lot in expired)
        {
            State.Outbox.Entries.Add(new LedgerEntry(
                LedgerIds.Expiry(self, ++State.Expiries), Now, EntryKinds.Expiry, self.ToString(), Accounts.Expired, lot.Points, DealershipId: null, SourceEventId: null, $"lot due {lot.ExpiresAt:yyyy-MM-dd}"));
        }

        return expired.Count > 0;
    }

    /// <summary>
    /// Places a redemption (a repeated idempotency key answers the one it placed), checked against
    /// <paramref name="tier"/> and named on <paramref name="homeDealershipId"/>. <paramref name="save"/>
    /// persists the member: after expiring what is due, and after placing.
    /// </summary>
    public async Task<RedemptionOutcome> RedeemAsync(string idempotencyKey, string itemId, int quantity, Tier? tier, string? homeDealershipId, Func<Task> save)
    {
        var id = RedemptionIds.For(self, idempotencyKey);
        if (State.Redemptions.TryGetValue(id, out var placed))
        {
            return new RedemptionOutcome(placed.ToView(), Refusal: null, Wallet.Available);
        }

        // Expired points are not spendable, even if the sweep has not come by yet.
        if (ExpireDue())
        {
            await save();
        }

        var item = await counterparties.ItemAsync(itemId);
        var points = item is null ? 0 : item.PointsCost * quantity;
        var refusal = item switch
        {
            null => RedemptionRefusal.UnknownItem,
            { MinimumTier: { } minimum } when tier is null || tier < minimum => RedemptionRefusal.TierTooLow,
            _ when Wallet.Available < points => RedemptionRefusal.InsufficientPoints,
            _ => (RedemptionRefusal?)null,
        };
        // Reserved under the redemption id: a retry after a crash before the write below reserves
        // nothing more.
        if (refusal is null && !await counterparties.ReserveAsync(id, itemId, quantity))
        {
            refusal = RedemptionRefusal.OutOfStock;
        }

        if (refusal is not null || item is null)
        {
            return new RedemptionOutcome(null, refusal, Wallet.Available);
        }

        var redemption = new Redemption(id, itemId, quantity, points, RedemptionStatus.Placed, Now, Wallet.Redeem(points), item.Category);
        State.Redemptions[id] = redemption;
        State.Outbox.Entries.Add(new LedgerEntry(
            id, Now, EntryKinds.Redemption, self.ToString(), Accounts.Redeemed, points, homeDealershipId, SourceEventId: null, $"{quantity} x {item.Name}"));
        await save();
        return new RedemptionOutcome(redemption.ToView(), Refusal: null, Wallet.Available);
    }

    /// <summary>Moves a placed redemption to fulfilled or (points and stock given back) cancelled, persisted by <paramref name="save"/>; null for an unknown id.</summary>
    public async Task<RedemptionView?> SettleRedemptionAsync(string redemptionId, RedemptionStatus to, string? homeDealershipId, Func<Task> save)
    {
        if (!State.Redemptions.TryGetValue(redemptionId, out var redemption))
        {
            return null;
        }

        // Settled already: the caller compares the status with the one it asked for.
        if (redemption.Status != RedemptionStatus.Placed || to == RedemptionStatus.Placed)
        {
            return redemption.ToView();
        }

        if (to == RedemptionStatus.Cancelled)
        {
            // Stock first: released twice is released once, and a crash before the write below
            // leaves a placed redemption whose cancellation can simply be asked again.
            await counterparties.ReleaseAsync(redemptionId);
            Wallet.Refund(redemption.Lots);
            State.Outbox.Entries.Add(new LedgerEntry(
                LedgerIds.Refund(redemptionId), Now, EntryKinds.Refund, Accounts.Redeemed, self.ToString(), redemption.Points, homeDealershipId, SourceEventId: null, "redemption cancelled"));
            // Lots given back keep their dates; one already past it expires now, since the sweep
            // looked for this wallet when it was due and will not come back for it.
            ExpireDue();
        }

        State.Redemptions[redemptionId] = redemption with { Status = to };
        await save();
        return State.Redemptions[redemptionId].ToView();
    }

    public IReadOnlyList<RedemptionView> Redemptions() => [.. State.Redemptions.Values.OrderByDescending(r => r.PlacedAt).Select(r => r.ToView())];

    /// <summary>Points that expire within <paramref name="horizon"/>, by expiry date (the customer view).</summary>
    public IReadOnlyList<Lot> ExpiringWithin(TimeSpan horizon) => [.. Wallet.ExpiringBetween(Now, Now + horizon)];
}
