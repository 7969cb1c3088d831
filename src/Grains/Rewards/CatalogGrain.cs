using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Rewards;

public sealed class CatalogGrain(
    [PersistentState("catalog", StorageNames.Reference)] IPersistentState<CatalogState> state)
    : Grain, ICatalogGrain
{
    private CatalogState State => state.State;

    public async Task<CatalogItem> PutAsync(CatalogItem item)
    {
        State.Items[item.ItemId] = item;
        await state.WriteOrReloadAsync(this);
        return item;
    }

    public Task<IReadOnlyList<CatalogItem>> ListAsync(RewardCategory? category) => Task.FromResult<IReadOnlyList<CatalogItem>>(
        [.. State.Items.Values.Where(i => category is null || i.Category == category).OrderBy(i => i.ItemId, StringComparer.Ordinal)]);

    public Task<CatalogItem?> GetAsync(string itemId) => Task.FromResult(State.Items.GetValueOrDefault(itemId));

    public async Task<bool> ReserveAsync(string redemptionId, string itemId, int quantity)
    {
        if (State.Reservations.ContainsKey(redemptionId))
        {
            return true;
        }

        if (!State.Items.TryGetValue(itemId, out var item) || item.Stock < quantity)
        {
            return false;
        }

        if (item.Stock is { } stock)
        {
            State.Items[itemId] = item with { Stock = stock - quantity };
            State.Reservations[redemptionId] = new StockReservation(itemId, quantity);
            await state.WriteOrReloadAsync(this);
        }

        return true;
    }

    public async Task ReleaseAsync(string redemptionId)
    {
        if (!State.Reservations.Remove(redemptionId, out var reservation))
        {
            return;
        }

        if (State.Items.TryGetValue(reservation.ItemId, out var item) && item.Stock is { } stock)
        {
            State.Items[reservation.ItemId] = item with { Stock = stock + reservation.Quantity };
        }

        await state.WriteOrReloadAsync(this);
    }
}
