using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The brand pool. Withdrawals are journalled by the budget that receives them (it knows when a
/// top-up is done); the pool journals what only it sees, the mints.
/// </summary>
public sealed class BrandPoolGrain(
    [PersistentState("pool", StorageNames.Reference)] IPersistentState<BrandPoolState> state,
    RecordsSender records,
    ProgramClock clock)
    : Grain, IBrandPoolGrain
{
    private BrandPoolState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => records.SendAsync(State.Outbox);

    public async Task<PoolView> MintAsync(string idempotencyKey, long points, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (State.Mints.TryAdd(idempotencyKey, points))
        {
            State.Available += points;
            State.Minted += points;
            State.Outbox.Entries.Add(new LedgerEntry(
                $"mint:{idempotencyKey}", clock.GetUtcNow(), EntryKinds.Mint, Accounts.Minted, Accounts.Pool, points, DealershipId: null, SourceEventId: null, reason));
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
        if (State.Available < points)
        {
            return false;
        }

        State.Available -= points;
        State.ToppedUp += points;
        State.Withdrawals.Add(transferId);
        await state.WriteOrReloadAsync(this);
        return true;
    }

    public Task<PoolView> GetAsync() => Task.FromResult(View());

    private PoolView View() => new(State.Available, State.Minted, State.ToppedUp);
}
