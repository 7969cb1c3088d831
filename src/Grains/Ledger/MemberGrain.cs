using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// A grain with a member wallet. Points it earns are awards drawn on the budget of the dealership
/// that caused them: the budget is asked before the events are persisted, with a transfer id
/// derived from the event, so a replay after a crash gets the same answer and moves nothing twice.
/// </summary>
public abstract class MemberGrain<TState>(IPersistentState<TState> state, TimeProvider clock)
    : EventConsumerGrain<TState>(state, clock), IWalletHolder
    where TState : EventConsumerState, new()
{
    private readonly List<(AwardRequest Request, string DealershipId)> _awards = [];

    protected abstract Wallet Wallet { get; }

    protected abstract MemberRef Self { get; }

    /// <summary>Asks for <paramref name="points"/> caused by <paramref name="e"/>.</summary>
    protected void Award(DmsEvent e, long points) =>
        _awards.Add((new AwardRequest($"{e.Source}:{e.Id}:{Self}", Self, points, $"{e.Source}:{e.Id}"), e.DealershipId));

    protected override async Task BeforeWriteAsync()
    {
        if (_awards.Count == 0)
        {
            return;
        }

        var awards = _awards.ToList();
        _awards.Clear();
        foreach (var byDealership in awards.GroupBy(a => a.DealershipId))
        {
            var requests = byDealership.Select(a => a.Request).ToList();
            var outcomes = await GrainFactory.GetGrain<IBudgetGrain>(byDealership.Key).AwardAsync(requests);
            foreach (var (request, outcome) in requests.Zip(outcomes))
            {
                if (outcome.Funded)
                {
                    Wallet.Earn(request.Points);
                }
                else
                {
                    Wallet.AddPending(request.TransferId, request.Points, byDealership.Key);
                }
            }
        }
    }

    public async Task AwardsFundedAsync(IReadOnlyList<string> transferIds)
    {
        // An id not pending here was either funded already or belongs to an event this grain has
        // not persisted yet; its replay will ask the budget, which answers "funded".
        var changed = false;
        foreach (var id in transferIds)
        {
            changed |= Wallet.Fund(id);
        }

        if (changed)
        {
            await WriteOrReloadAsync();
        }
    }
}
