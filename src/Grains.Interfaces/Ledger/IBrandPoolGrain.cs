namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>
/// The brand pool: the points the brand mints, from which dealership budgets are topped up.
/// One activation (key <see cref="Key"/>).
/// </summary>
[Alias("pitstop.IBrandPoolGrain")]
public interface IBrandPoolGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Mints points into the pool; a repeated idempotency key changes nothing.</summary>
    [Alias("mint")]
    Task<PoolView> MintAsync(string idempotencyKey, long points, string reason);

    /// <summary>
    /// Moves points to a dealership budget; false when the pool is short. Idempotent on the
    /// transfer id: a repeat answers as the first call did.
    /// </summary>
    [Alias("withdraw")]
    Task<bool> WithdrawAsync(string transferId, string dealershipId, long points);

    /// <summary>
    /// Moves opening balances of migrated customers to their wallets, journalled as
    /// <see cref="EntryKinds.OpeningBalance"/>, with one state write for all of them; an outcome per
    /// transfer, in order. Idempotent per customer, forever: a customer's opening balance leaves
    /// the pool once.
    /// </summary>
    [Alias("open-balances")]
    Task<IReadOnlyList<OpeningOutcome>> OpenBalancesAsync(IReadOnlyList<OpeningTransfer> transfers);

    [ReadOnly, Alias("get")]
    Task<PoolView> GetAsync();
}

[GenerateSerializer, Immutable, Alias("pitstop.PoolView")]
public sealed record PoolView(
    [property: Id(0)] long Available,
    [property: Id(1)] long Minted,
    [property: Id(2)] long ToppedUp);
