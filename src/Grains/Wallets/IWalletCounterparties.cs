using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Wallets;

/// <summary>
/// Whom a wallet asks: dealership budgets for awards and returns, the reward catalogue for items
/// and stock. A port, so that the conservation model drives <see cref="MemberWallet"/> itself
/// against budgets in memory; grains use <see cref="GrainCounterparties"/>.
/// </summary>
public interface IWalletCounterparties
{
    Task<IReadOnlyList<AwardOutcome>> AwardAsync(string dealershipId, IReadOnlyList<AwardRequest> awards);

    Task ReturnAsync(string dealershipId, string returnId, long points);

    Task<CatalogItem?> ItemAsync(string itemId);

    Task<bool> ReserveAsync(string redemptionId, string itemId, int quantity);

    Task ReleaseAsync(string redemptionId);
}

/// <summary>The counterparties as grains of the cluster.</summary>
public sealed class GrainCounterparties(IGrainFactory grains) : IWalletCounterparties
{
    private ICatalogGrain Catalog => grains.Reference<ICatalogGrain>(ICatalogGrain.Key);

    public Task<IReadOnlyList<AwardOutcome>> AwardAsync(string dealershipId, IReadOnlyList<AwardRequest> awards) =>
        grains.Reference<IBudgetGrain>(dealershipId).AwardAsync(awards);

    public Task ReturnAsync(string dealershipId, string returnId, long points) =>
        grains.Reference<IBudgetGrain>(dealershipId).ReturnAsync(returnId, points);

    public Task<CatalogItem?> ItemAsync(string itemId) => Catalog.GetAsync(itemId);

    public Task<bool> ReserveAsync(string redemptionId, string itemId, int quantity) => Catalog.ReserveAsync(redemptionId, itemId, quantity);

    public Task ReleaseAsync(string redemptionId) => Catalog.ReleaseAsync(redemptionId);
}
