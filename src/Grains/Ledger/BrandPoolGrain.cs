using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The brand pool. Withdrawals are journalled by the budget that receives them (it knows when a
/// top-up is done); the pool journals what only it sees: the mints, and the opening balances of
/// migrated customers (asked by the importer, which then credits each wallet).
/// </summary>
public sealed class BrandPoolGrain(
    [PersistentState("pool", StorageNames.Reference)] IPersistentState<BrandPoolState> state,
    [PersistentState("pool-openings", StorageNames.Reference)] IPersistentState<PoolOpeningsState> openings,
    RecordsSender records,
    ProgramClock clock)
    : Grain, IBrandPoolGrain
{
    private BrandPoolState State => state.State;

    private PoolOpeningsState Openings => openings.State;

    private long Available => State.Available - Openings.Total;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await records.SendAsync(State.Outbox);
        await records.SendAsync(Openings.Outbox);
    }

    public async Task<PoolView> MintAsync(string idempotencyKey, long points, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (State.Mints.TryAdd(idempotencyKey, points))
        {
            State.Available = checked(State.Available + points);
            State.Minted = checked(State.Minted + points);
            State.Outbox.Entries.Add(new LedgerEntry(
                LedgerIds.Mint(idempotencyKey), clock.GetUtcNow(), EntryKinds.Mint, Accounts.Minted, Accounts.Pool, points, DealershipId: null, SourceEventId: null, reason));
            await state.WriteOrReloadAsync(this);
            await records.SendAsync(State.Outbox);
        }

        return View();
    }

    public async Task<bool> WithdrawAsync(string transferId, string dealershipId, long points)
    {
        if (State.Withdrawals.Contains(transferId))
        {
            return true;
        }

        // A refusal is not recorded: nothing moved, and asking again once the pool is minted may
        // succeed (the budget drops a refused top-up, so it never counts on the first answer).
        if (Available < points)
        {
            return false;
        }

        State.Available = checked(State.Available - points);
        State.ToppedUp = checked(State.ToppedUp + points);
        State.Withdrawals.Add(transferId);
        await state.WriteOrReloadAsync(this);
        return true;
    }

    public async Task<IReadOnlyList<OpeningOutcome>> OpenBalancesAsync(IReadOnlyList<OpeningTransfer> transfers)
    {
        var outcomes = new List<OpeningOutcome>(transfers.Count);
        var moved = false;
        foreach (var transfer in transfers)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transfer.Points);
            var transferId = OpeningTransfer.TransferIdOf(transfer.CustomerId);
            var digest = new EventKey("transfer", transferId).Digest;
            if (Openings.Moved.TryGetValue(digest, out var before))
            {
                outcomes.Add(new OpeningOutcome(before == transfer.Points ? OpeningResult.MovedBefore : OpeningResult.OtherAmountMoved, before));
                continue;
            }

            if (Available < transfer.Points)
            {
                outcomes.Add(new OpeningOutcome(OpeningResult.PoolShort, 0));
                continue;
            }

            Openings.Moved[digest] = transfer.Points;
            Openings.Total = checked(Openings.Total + transfer.Points);
            Openings.Outbox.Entries.Add(new LedgerEntry(
                transferId, clock.GetUtcNow(), EntryKinds.OpeningBalance, Accounts.Pool, new MemberRef(MemberKind.Customer, transfer.CustomerId).ToString(),
                transfer.Points, transfer.DealershipId, SourceEventId: null, transfer.Reference ?? "opening balance"));
            outcomes.Add(new OpeningOutcome(OpeningResult.Moved, transfer.Points));
            moved = true;
        }

        if (moved)
        {
            await openings.WriteOrReloadAsync(this);
            await records.SendAsync(Openings.Outbox);
        }

        return outcomes;
    }

    public Task<PoolView> GetAsync() => Task.FromResult(View());

    private PoolView View() => new(Available, State.Minted, State.ToppedUp);
}
