using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Loyalty;

/// <summary>The customer's wallet as budgets, the expiry sweep and redemptions reach it (<see cref="IWalletHolder"/>).</summary>
public sealed partial class CustomerGrain
{
    public async Task AwardsFundedAsync(IReadOnlyList<FundedAward> awards)
    {
        var funded = await _wallet.FundAsync(awards);
        foreach (var award in funded)
        {
            // A recovery held pending is delivered now: its incident hears of it.
            foreach (var (incidentId, received) in State.Incidents.Recoveries.Where(r => r.Value.TransferId == award.TransferId && r.Value.FundedAt is null).ToList())
            {
                State.Incidents.Recoveries[incidentId] = received with { FundedAt = award.FundedAt };
                State.Outbox.Put(new IncidentNoticeDelivery(incidentId, new CustomerNotice(CustomerNoticeKind.RecoveryFunded, award.FundedAt, award.TransferId)));
            }
        }

        if (funded.Count > 0)
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
            Uncount(reversal.TransferId);
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

    public async Task WarnExpiringAsync()
    {
        if (Take((await ProgramNowAsync()).Customer.NoticeExpiring(State, CustomerId, Now)))
        {
            await SaveAsync();
        }
    }

    public Task<RedemptionOutcome> RedeemAsync(string idempotencyKey, string itemId, int quantity) =>
        _wallet.RedeemAsync(idempotencyKey, itemId, quantity, State.Tier, HomeDealershipId, SaveRedemptionsAsync);

    public Task<RedemptionView?> SettleRedemptionAsync(string redemptionId, RedemptionStatus to) =>
        _wallet.SettleRedemptionAsync(redemptionId, to, HomeDealershipId, SaveRedemptionsAsync);

    // The loyalty dashboard's tallies of a placement or a cancellation, and what the customer's
    // recoveries must hear of it, leave with the write that holds it.
    private async Task SaveRedemptionsAsync()
    {
        Take((await ProgramNowAsync()).Customer.TallyRedemptions(State, CustomerId, Now));
        Take(CustomerDecider.TellRecoveriesRedeemed(State, Now));
        await SaveAsync();
    }

    public Task<IReadOnlyList<RedemptionView>> RedemptionsAsync() => Task.FromResult(_wallet.Redemptions());
}
