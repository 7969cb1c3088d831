using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Loyalty;

public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state,
    IOptions<ProgramOptions> program,
    MemberServices services)
    : MemberGrain<CustomerState>(state, services), ICustomerGrain
{
    private static readonly TimeSpan ExpiringSoon = TimeSpan.FromDays(90);

    protected override Tier? RedemptionTier => State.Tier;

    protected override MemberRef Self => new(MemberKind.Customer, this.GetPrimaryKeyString());

    private readonly CustomerEarning _earning = new(program.Value.CustomerEarning);

    public Task<CustomerView?> GetAsync() => Task.FromResult(
        Exists
            ? new CustomerView(
                this.GetPrimaryKeyString(), State.Tier, State.Wallet.ToBalance(), State.HomeDealershipId, State.EventsApplied,
                [.. ExpiringWithin(ExpiringSoon).Select(l => new ExpiringPoints(l.Points, l.ExpiresAt))])
            : null);

    protected override bool Apply(DmsEvent e)
    {
        var changed = false;
        // A customer seen for the first time belongs to the dealership that reported them.
        if (State.HomeDealershipId.Length == 0)
        {
            State.HomeDealershipId = e.DealershipId;
            changed = true;
        }

        if (e.Data is VisitCompleted visit && _earning.ForVisit(visit, State.Tier) is > 0 and var points)
        {
            Award(e, points);
            changed = true;
        }

        return changed;
    }
}
