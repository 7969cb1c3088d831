using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Staff;

/// <summary>One dealership's registered staff (see <see cref="IStaffRosterGrain"/>); written only when it changes.</summary>
public sealed class StaffRosterGrain(
    [PersistentState("staff-roster", StorageNames.Reference)] IPersistentState<StaffRosterState> state)
    : Grain, IStaffRosterGrain
{
    public async Task JoinAsync(RosterMember member)
    {
        if (state.State.Members.TryGetValue(member.StaffId, out var known) && known == member)
        {
            return;
        }

        state.State.Members[member.StaffId] = member;
        await state.WriteOrReloadAsync(this);
    }

    public async Task LeaveAsync(string staffId)
    {
        if (state.State.Members.Remove(staffId))
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<IReadOnlyList<RosterMember>> ListAsync() =>
        Task.FromResult<IReadOnlyList<RosterMember>>([.. state.State.Members.Values.OrderBy(m => m.StaffId, StringComparer.Ordinal)]);
}

[GenerateSerializer, Alias("pitstop.StaffRosterState")]
public sealed class StaffRosterState
{
    [Id(0)] public Dictionary<string, RosterMember> Members { get; set; } = new(StringComparer.Ordinal);
}
