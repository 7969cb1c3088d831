using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// A dealership budget (<see cref="BudgetBook"/> holds the rules). Moves that involve another grain
/// are sagas keyed by a transfer id: a top-up is recorded as under way before the pool is asked
/// and finished on the next call or activation; awards funded later are announced to their members
/// until they confirm. Neither side ever waits on the other while holding its turn, so a member
/// awaiting this budget can never deadlock with it.
/// </summary>
/// <remarks>
/// Reentrant so that writes are group-committed: every award of a busy dealership lands here, and
/// one write per call capped a dealership at the speed of one storage round trip. Calls change the
/// book in their synchronous part and then wait for the settle round that persists their change;
/// one round runs at a time, so state is never written twice concurrently.
/// </remarks>
[Reentrant]
public sealed class BudgetGrain(
    [PersistentState("budget", StorageNames.Grains)] IPersistentState<BudgetState> state,
    IOptions<ProgramOptions> program,
    RecordsSender records,
    ILedgerJournal journal,
    PointsMetrics metrics,
    ProgramClock clock,
    ProgramCalendar calendar,
    ILogger<BudgetGrain> logger)
    : Grain, IBudgetGrain
{
    private readonly BudgetPolicy _defaultPolicy = new(program.Value.Budgets.Threshold, program.Value.Budgets.Amount, program.Value.Budgets.MonthlyCap);
    // Made on first use: a field initializer cannot name an instance method.
    private CoalescedWrites? _settles;

    private OutboxDispatch? _dispatch;

    // The transfers taken lately, rebuilt from storage on activation and after a failed write
    // (RebuildRecentAsync); awards are judged only once it is ready.
    private RecentTransfers _recent = new();
    private Task _recentReady = Task.CompletedTask;

    // Made on each use: a reload after a failed write replaces the state object it works on.
    private BudgetBook Book => new(this.GetPrimaryKeyString(), state.State, _recent, _defaultPolicy, calendar);

    private IBrandPoolGrain Pool => GrainFactory.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RebuildRecentAsync();
        state.State.MoveAnnouncementsStoredEarlier();
        // Work a crash interrupted: top-ups under way and an outbox not yet sent.
        if (state.State.TopUpsInFlight.Count > 0 || !state.State.Outbox.IsEmpty)
        {
            await SettleAsync();
        }
    }

    public async Task<IReadOnlyList<AwardOutcome>> AwardAsync(IReadOnlyList<AwardRequest> awards)
    {
        await _recentReady;
        var now = clock.GetUtcNow();
        var book = Book;
        book.RollMonth(now);
        var held = 0L;
        foreach (var award in awards)
        {
            var isNew = !book.IsKnown(award);
            if (!book.Award(award, now).Funded && isNew)
            {
                held += award.Points;
            }
        }

        await SettleAsync();
        // Counted once the round that persisted the queue has finished, like the journalled movements.
        metrics.HeldPending(held);
        // After settling: an auto top-up may have funded awards that were queued above.
        var settled = Book;
        return [.. awards.Select(settled.Outcome)];
    }

    public async Task<TopUpOutcome> TopUpAsync(string idempotencyKey, long points, string reason)
    {
        var book = Book;
        if (!book.IsTopUpDone(idempotencyKey))
        {
            // A repeat of a top-up still under way waits for the same settle instead of starting another.
            if (!book.IsTopUpInFlight(idempotencyKey))
            {
                book.RollMonth(clock.GetUtcNow());
                book.BeginTopUp(idempotencyKey, points, reason, clock.GetUtcNow());
            }

            await SettleAsync();
        }

        // Settled: the top-up is either done or was refused by the pool (and dropped).
        var settled = Book;
        return new TopUpOutcome(settled.View(clock.GetUtcNow()), PoolShort: !settled.IsTopUpDone(idempotencyKey));
    }

    public async Task<BudgetView> SetPolicyAsync(BudgetPolicy policy)
    {
        Book.RollMonth(clock.GetUtcNow());
        state.State.Policy = policy;
        await SettleAsync();
        return Book.View(clock.GetUtcNow());
    }

    public Task<BudgetView> GetAsync() => Task.FromResult(Book.View(clock.GetUtcNow()));

    public async Task ReverseAsync(EventKey original)
    {
        if (Book.IsReversalCollected(original))
        {
            return;
        }

        // Refuse the event's awards first, then flush: once the outbox is in the journal, every
        // award of the event that was funded is there, and none can be funded after.
        Book.BeginReversal(original);
        await SettleAsync();
        var funded = await journal.AwardsCausedByAsync(Accounts.Budget(this.GetPrimaryKeyString()), LedgerIds.EventCause(original));
        Book.CollectReversal(original, funded, clock.GetUtcNow());
        await SettleAsync();
    }

    public Task ReturnAsync(string returnId, long points)
    {
        Book.Return(returnId, points, clock.GetUtcNow());
        return SettleAsync();
    }

    /// <summary>
    /// Persists every change made so far: completes when the next settle round to start (the first
    /// whose write includes them) has finished. Rounds run one at a time (<see cref="CoalescedWrites"/>);
    /// a round that fails fails its callers and those already waiting for the next, whose changes
    /// the reload after the failed write discarded. Every call settles, even one that changed
    /// nothing: a round also runs auto top-ups and sends what earlier rounds left.
    /// </summary>
    private Task SettleAsync()
    {
        var settles = _settles ??= new(SettleOnceAsync);
        settles.Changed();
        return settles.StoredAsync();
    }

    /// <summary>
    /// Runs the top-ups under way and the auto top-ups the policy calls for, persists, then sends
    /// the outbox (notifications, ledger entries) and hands funded awards to their members.
    /// </summary>
    private async Task SettleOnceAsync()
    {
        var now = clock.GetUtcNow();
        // No auto top-up is started on the back of a refusal: a refused auto top-up sets a retry
        // time (AutoTopUpDue answers null until then), a refused admin one ends this round.
        var refused = false;
        while ((state.State.TopUpsInFlight.FirstOrDefault() ?? (refused ? null : Book.AutoTopUpDue(now))) is { } topUp)
        {
            // Recorded before the pool is asked: a crash in between is finished on activation,
            // and the pool answers a repeated transfer id as it did the first time.
            await WriteOrReloadAsync();
            var withdrawn = await Pool.WithdrawAsync(topUp.Id, this.GetPrimaryKeyString(), topUp.Points);
            Book.CompleteTopUp(topUp, withdrawn, now);
            refused |= !withdrawn;
        }

        await Dispatch.WriteThenSendAsync(WriteOrReloadAsync);
    }

    // Announced after the write through the outbox: the member may itself be waiting on this budget.
    private OutboxDispatch Dispatch => _dispatch ??= new(records, logger, this.GetGrainId().ToString(), () => state.State.Outbox, AnnounceAsync, Confirmed);

    /// <summary>
    /// Funded awards and reversals go to their members, one announcement per member at a time
    /// (after a dry spell, thousands of awards).
    /// </summary>
    private Task AnnounceAsync(string target, IReadOnlyList<Delivery> deliveries) => deliveries[0] switch
    {
        FundedAwardDelivery first => GrainFactory.Of(first.Award.Member).AwardsFundedAsync(
            [.. deliveries.Cast<FundedAwardDelivery>().Select(d => new FundedAward(d.Award.TransferId, d.Award.At))]),
        ReversalDelivery first => GrainFactory.Of(first.Reversal.Member).ReverseAwardsAsync([.. deliveries.Cast<ReversalDelivery>().Select(d => d.Reversal)]),
        var other => throw new InvalidOperationException($"a budget does not deliver {other.GetType().Name}"),
    };

    /// <summary>A confirmed reversal credits this budget, persisted by a settle of its own.</summary>
    private void Confirmed(IReadOnlyList<Delivery> deliveries)
    {
        if (deliveries[0] is not ReversalDelivery)
        {
            return;
        }

        var book = Book;
        foreach (var reversal in deliveries.Cast<ReversalDelivery>())
        {
            book.ConfirmReversal(reversal.Reversal.TransferId, clock.GetUtcNow());
        }

        SettleAsync().Ignore();
    }

    /// <summary>
    /// Persists the state; when that fails, reads it back (memory never stays ahead of storage)
    /// and rebuilds the window of recent transfers, which may hold transfers the reloaded state
    /// does not: until both are done, awards wait (<see cref="AwardAsync"/>).
    /// </summary>
    private async Task WriteOrReloadAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _recentReady = ReloadAsync();
            await _recentReady;
            throw;
        }
    }

    private async Task ReloadAsync()
    {
        await state.ReloadAsync(this);
        await RebuildRecentAsync();
    }

    /// <summary>
    /// Every transfer the budget took is durable in one of three places: funded ones in the
    /// journal, or in the outbox until the journal has them; unfunded ones in the pending queue.
    /// The window is the newest of them, the pending ones last (newest).
    /// </summary>
    private async Task RebuildRecentAsync()
    {
        var recent = new RecentTransfers();
        foreach (var award in await journal.RecentAwardsAsync(Accounts.Budget(this.GetPrimaryKeyString()), RecentTransfers.Capacity))
        {
            recent.Add(award.TransferId, award.Points);
        }

        foreach (var entry in state.State.Outbox.Entries.Where(e => e.Kind == EntryKinds.Award))
        {
            recent.Add(entry.Id, entry.Points);
        }

        foreach (var pending in state.State.Pending)
        {
            recent.Add(pending.TransferId, pending.Points);
        }

        _recent = recent;
    }
}
