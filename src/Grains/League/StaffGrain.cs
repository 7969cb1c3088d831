using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.League;

public sealed class StaffGrain(
    [PersistentState("staff", StorageNames.Grains)] IPersistentState<StaffState> state,
    IOptions<ProgramOptions> program,
    MemberServices services)
    : MemberGrain<StaffState>(state, services), IStaffGrain
{
    protected override Tier? RedemptionTier => null;

    protected override MemberRef Self => new(MemberKind.Staff, this.GetPrimaryKeyString());

    private readonly KpiScoring _scoring = new(program.Value.StaffKpi);

    public Task<StaffView?> GetAsync() => Task.FromResult(
        Exists && State.Role is { } role
            ? new StaffView(this.GetPrimaryKeyString(), role, State.DealershipId, State.Wallet.ToBalance(), State.KpiPoints, State.EventsApplied)
            : null);

    protected override void OnAwardReversed(long points) => State.KpiPoints -= points;

    protected override bool Apply(DmsEvent e)
    {
        var staffId = this.GetPrimaryKeyString();
        var mention = EventAudience.Staff(e.Data).FirstOrDefault(m => m.StaffId == staffId);
        var changed = false;

        // Staff created on the fly take their role from the field they first appear in and their
        // dealership from the envelope (events.md).
        if (State.Role is null && mention.StaffId is not null)
        {
            State.Role = mention.Role;
            changed = true;
        }

        if (State.DealershipId.Length == 0)
        {
            State.DealershipId = e.DealershipId;
            changed = true;
        }

        if (e.Data is VisitCompleted visit && mention.StaffId is not null && _scoring.ForVisit(visit, mention.Role) is > 0 and var points)
        {
            State.KpiPoints += points;
            Award(e, points);
            changed = true;
        }

        return changed;
    }
}
