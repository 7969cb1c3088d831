using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger;

public sealed class BrandPoolGrain(
    [PersistentState("pool", StorageNames.Reference)] IPersistentState<BrandPoolState> state)
    : Grain, IBrandPoolGrain
{
    private BrandPoolState State => state.State;

    public async Task<PoolView> MintAsync(string idempotencyKey, long points, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (State.Mints.TryAdd(idempotencyKey, points))
        {
            State.Available += points;
            State.Minted += points;
            await state.WriteOrReloadAsync(this);
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
