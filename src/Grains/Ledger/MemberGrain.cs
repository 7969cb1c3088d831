using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// A grain with a member wallet. Points it earns are awards drawn on the budget of the dealership
/// that caused them: the budget is asked before the events are persisted, with a transfer id
/// derived from the event, so a replay after a crash gets the same answer and moves nothing twice.
/// Redemptions and expiry are journalled from this grain's outbox after its own write.
/// </summary>
public abstract class MemberGrain<TState>(IPersistentState<TState> state, MemberServices services)
    : EventConsumerGrain<TState>(state, services.Clock), IWalletHolder
    where TState : MemberState, new()
{
    private readonly List<(AwardRequest Request, string DealershipId)> _awards = [];
    private readonly List<BudgetReturn> _returns = [];

    protected Wallet Wallet => State.Wallet;

    protected abstract MemberRef Self { get; }

    /// <summary>The dealership the member belongs to, named on their redemptions (the loyalty analytics count spending by it); null before any.</summary>
    protected abstract string? HomeDealershipId { get; }

    /// <summary>The tier catalog items are checked against; null for a member without one (staff).</summary>
    protected abstract Tier? RedemptionTier { get; }

    private ICatalogGrain Catalog => GrainFactory.Reference<ICatalogGrain>(ICatalogGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        // Entries a crash left between this grain's write and the journal.
        SendOutboxAsync();

    /// <summary>Sends what the grain's last write left to send (see <see cref="MemberState.Outbox"/>).</summary>
    protected virtual Task SendOutboxAsync() => services.Records.SendAsync(State.Outbox);

    /// <summary>
    /// Takes a decision's effects: awards are asked and points given back before the write, entries
    /// and notifications leave with the outbox after it.
    /// </summary>
    protected void Take(MemberEffects effects)
    {
        _awards.AddRange(effects.Awards.Select(a => (new AwardRequest(a.TransferId, Self, a.Points, a.Cause), a.DealershipId)));
        _returns.AddRange(effects.Returns);
        State.Outbox.Entries.AddRange(effects.Entries);
        State.Outbox.Notifications.AddRange(effects.Notifications);
    }

    protected override async Task BeforeWriteAsync()
    {
        ExpireDue();
        // Like awards, before the write: a crash after the budget took the points back replays
        // the event, and the budget credits a return id once.
        var returns = _returns.ToList();
        _returns.Clear();
        await Task.WhenAll(returns.Select(r => GrainFactory.Reference<IBudgetGrain>(r.DealershipId).ReturnAsync(r.ReturnId, r.Points)));
        if (_awards.Count == 0)
        {
            return;
        }

        var awards = _awards.ToList();
        _awards.Clear();
        foreach (var byDealership in awards.GroupBy(a => a.DealershipId))
        {
            var requests = byDealership.Select(a => a.Request).ToList();
            var outcomes = await GrainFactory.Reference<IBudgetGrain>(byDealership.Key).AwardAsync(requests);
            foreach (var (request, outcome) in requests.Zip(outcomes))
            {
                Settle(request, outcome, byDealership.Key);
            }
        }
    }

    /// <summary>
    /// Asks <paramref name="dealershipId"/>'s budget for one award that no event of this grain
    /// causes (a recovery), and credits it or holds it pending. The caller persists.
    /// </summary>
    protected async Task<AwardOutcome> AwardDirectlyAsync(AwardRequest request, string dealershipId)
    {
        var outcome = (await GrainFactory.Reference<IBudgetGrain>(dealershipId).AwardAsync([request]))[0];
        Settle(request, outcome, dealershipId);
        return outcome;
    }

    private void Settle(AwardRequest request, AwardOutcome outcome, string dealershipId)
    {
        if (outcome.Reversed)
        {
            // The event was reversed before its award was settled: nothing is owed.
            State.RefusedAsReversed.Add(request.TransferId);
            OnAwardReversed(request.TransferId, request.Points);
        }
        else if (outcome.Funded)
        {
            Wallet.Earn(request.Points, services.Lots.ExpiryOf(Now));
        }
        else
        {
            Wallet.AddPending(request.TransferId, request.Points, dealershipId);
        }
    }

    protected override Task AfterWriteAsync() => SendOutboxAsync();

    public async Task AwardsFundedAsync(IReadOnlyList<FundedAward> awards)
    {
        // An id not pending here was either funded already or belongs to an event this grain has
        // not persisted yet; its replay will ask the budget, which answers "funded".
        var distinct = awards.DistinctBy(a => a.TransferId, StringComparer.Ordinal).ToList();
        var funded = Wallet.Fund([.. distinct.Select(a => (a.TransferId, services.Lots.ExpiryOf(a.FundedAt)))]).ToHashSet(StringComparer.Ordinal);
        foreach (var award in distinct.Where(a => funded.Contains(a.TransferId)))
        {
            OnAwardFunded(award);
        }

        if (funded.Count > 0)
        {
            await SaveAsync();
        }
    }

    public async Task ReverseAwardsAsync(IReadOnlyList<AwardReversal> reversals)
    {
        var changed = false;
        foreach (var reversal in reversals)
        {
            if (!State.ReversedTransfers.Add(reversal.TransferId))
            {
                continue;
            }

            changed = true;
            var wasPending = Wallet.DropPending(reversal.TransferId);
            // Held here only if this grain applied the event, its award was not pending and the
            // budget did not refuse it as reversed. If the event is not applied yet, its award will
            // be refused when it is: nothing to take.
            var refused = State.RefusedAsReversed.Contains(reversal.TransferId);
            if (!wasPending && !refused && State.Applied.Contains(reversal.Original))
            {
                Wallet.TakeBack(reversal.Points);
                OnAwardReversed(reversal.TransferId, reversal.Points);
            }
            else if (wasPending)
            {
                OnAwardReversed(reversal.TransferId, reversal.Points);
            }

            // A funded award left the budget for this wallet (the journal shows it): it goes back
            // in the journal too, whether the wallet had received it yet or not.
            if (reversal.Funded)
            {
                State.Outbox.Entries.Add(new LedgerEntry(
                    LedgerIds.Reversal(reversal.TransferId), Now, EntryKinds.Reversal, Self.ToString(), Accounts.Budget(reversal.DealershipId),
                    reversal.Points, reversal.DealershipId, LedgerIds.EventCause(reversal.Original), "event reversed"));
            }
        }

        if (changed)
        {
            await SaveAsync();
        }
    }

    /// <summary>A pending award of this member was funded (and credited).</summary>
    protected virtual void OnAwardFunded(FundedAward award)
    {
    }

    /// <summary>An award of this member was reversed (or refused as reversed): undo what else it counted, like KPI points.</summary>
    protected virtual void OnAwardReversed(string transferId, long points)
    {
    }

    public async Task ExpireDueAsync()
    {
        if (ExpireDue())
        {
            await SaveAsync();
        }
    }

    public async Task<RedemptionOutcome> RedeemAsync(string idempotencyKey, string itemId, int quantity)
    {
        var id = RedemptionIds.For(Self, idempotencyKey);
        if (State.Redemptions.TryGetValue(id, out var placed))
        {
            return new RedemptionOutcome(placed.ToView(), Refusal: null, Wallet.Available);
        }

        // Expired points are not spendable, even if the sweep has not come by yet.
        await ExpireDueAsync();
        var item = await Catalog.GetAsync(itemId);
        var points = item is null ? 0 : item.PointsCost * quantity;
        var refusal = item switch
        {
            null => RedemptionRefusal.UnknownItem,
            { MinimumTier: { } minimum } when RedemptionTier is not { } tier || tier < minimum => RedemptionRefusal.TierTooLow,
            _ when Wallet.Available < points => RedemptionRefusal.InsufficientPoints,
            _ => (RedemptionRefusal?)null,
        };
        // Reserved under the redemption id: a retry after a crash before the write below reserves
        // nothing more.
        if (refusal is null && !await Catalog.ReserveAsync(id, itemId, quantity))
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
            id, Now, EntryKinds.Redemption, Self.ToString(), Accounts.Redeemed, points, HomeDealershipId, SourceEventId: null, $"{quantity} x {item.Name}"));
        await SaveAsync();
        return new RedemptionOutcome(redemption.ToView(), Refusal: null, Wallet.Available);
    }

    public async Task<RedemptionView?> SettleRedemptionAsync(string redemptionId, RedemptionStatus to)
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
            await Catalog.ReleaseAsync(redemptionId);
            Wallet.Refund(redemption.Lots);
            State.Outbox.Entries.Add(new LedgerEntry(
                LedgerIds.Refund(redemptionId), Now, EntryKinds.Refund, Accounts.Redeemed, Self.ToString(), redemption.Points, HomeDealershipId, SourceEventId: null, "redemption cancelled"));
            // Lots given back keep their dates; one already past it expires now, since the sweep
            // looked for this wallet when it was due and will not come back for it.
            ExpireDue();
        }

        State.Redemptions[redemptionId] = redemption with { Status = to };
        await SaveAsync();
        return State.Redemptions[redemptionId].ToView();
    }

    public Task<IReadOnlyList<RedemptionView>> RedemptionsAsync() =>
        Task.FromResult<IReadOnlyList<RedemptionView>>([.. State.Redemptions.Values.OrderByDescending(r => r.PlacedAt).Select(r => r.ToView())]);

    /// <summary>Points that expire within <paramref name="horizon"/>, by expiry date (the customer view).</summary>
    protected IReadOnlyList<Lot> ExpiringWithin(TimeSpan horizon) => [.. Wallet.ExpiringBetween(Now, Now + horizon)];

    private bool ExpireDue()
    {
        var expired = Wallet.ExpireDue(Now);
        foreach (var lot in expired)
        {
            State.Outbox.Entries.Add(new LedgerEntry(
                LedgerIds.Expiry(Self, ++State.Expiries), Now, EntryKinds.Expiry, Self.ToString(), Accounts.Expired, lot.Points, DealershipId: null, SourceEventId: null, $"lot due {lot.ExpiresAt:yyyy-MM-dd}"));
        }

        return expired.Count > 0;
    }

    /// <summary>Persists the state outside an event batch (a redemption, a profile, a review), then sends the outbox.</summary>
    protected async Task SaveAsync()
    {
        await OrReloadAsync(BeforeSaveAsync);
        await WriteOrReloadAsync();
        await SendOutboxAsync();
    }

    /// <summary>Work on other grains that must be done before <see cref="SaveAsync"/> writes.</summary>
    protected virtual Task BeforeSaveAsync() => Task.CompletedTask;
}
