using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Simulation;

/// <summary>
/// The reference data a replay needs beside the events, copied from the engine: the dealerships
/// (their states and regions place members on boards) and their staff rosters (roles).
/// </summary>
internal sealed record SimulationWorld(
    IReadOnlyDictionary<string, DealershipProfile> Dealerships,
    IReadOnlyDictionary<string, IReadOnlyList<RosterMember>> Rosters)
{
    public static async Task<SimulationWorld> ReadAsync(IGrainFactory engine, IReadOnlySet<string> dealershipIds)
    {
        var directory = await engine.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        var dealerships = directory.Where(d => dealershipIds.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var rosters = await Task.WhenAll(dealerships.Keys.Select(async d => (Dealership: d, Members: await engine.Reference<IStaffRosterGrain>(d).ListAsync())));
        return new(dealerships, rosters.ToDictionary(r => r.Dealership, r => r.Members, StringComparer.Ordinal));
    }

    /// <summary>Registers the dealerships and their staff in a replay's silo, as the engine has them: dealerships side by side.</summary>
    public Task CopyToAsync(IGrainFactory replay) => Task.WhenAll(Dealerships.Select(async dealership =>
    {
        var (id, profile) = dealership;
        await replay.Reference<IDealershipGrain>(id).RegisterAsync(profile);
        var roster = replay.Reference<IStaffRosterGrain>(id);
        foreach (var member in Rosters.GetValueOrDefault(id) ?? [])
        {
            await replay.Reference<IStaffGrain>(member.StaffId).SetProfileAsync(new StaffProfile(member.Name, member.Role, id, Designation: null));
            await roster.JoinAsync(member);
        }
    }));
}
