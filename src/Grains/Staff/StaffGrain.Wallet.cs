using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Staff;

/// <summary>The member's wallet as budgets, the expiry sweep and redemptions reach it (<see cref="IWalletHolder"/>).</summary>
public sealed partial class StaffGrain
{
    public async Task AwardsFundedAsync(IReadOnlyList<FundedAward> awards)
    {
        if ((await _wallet.FundAsync(awards)).Count > 0)
        {
            await SaveAsync();
        }
    }

    public async Task ReverseAwardsAsync(IReadOnlyList<AwardReversal> reversals)
    {
        if (_wallet.Reverse(reversals, _events.HasApplied) is not { } uncount)
        {
            return;
        }

        foreach (var reversal in uncount)
        {
            Uncount(reversal.Points);
        }

        await SaveAsync();
    }

    public async Task ExpireDueAsync()
    {
        if (_wallet.ExpireDue())
        {
            await SaveAsync();
        }
    }

    // Staff have no tier: catalog items with a minimum tier are not theirs.
    public Task<RedemptionOutcome> RedeemAsync(string idempotencyKey, string itemId, int quantity) =>
        _wallet.RedeemAsync(idempotencyKey, itemId, quantity, tier: null, HomeDealershipId, SaveAsync);

    public Task<RedemptionView?> SettleRedemptionAsync(string redemptionId, RedemptionStatus to) =>
        _wallet.SettleRedemptionAsync(redemptionId, to, HomeDealershipId, SaveAsync);

    public Task<IReadOnlyList<RedemptionView>> RedemptionsAsync() => Task.FromResult(_wallet.Redemptions());
}
