using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Members;

/// <summary>
/// Registering a staff member (<c>PUT /staff/{id}</c>, the staff import): their profile, and their
/// place on their dealership's roster — off the roster of the dealership they left.
/// </summary>
public static class StaffRegistration
{
    /// <summary>Sets the profile when <paramref name="before"/> (the member as read before) differs, and keeps the rosters.</summary>
    public static async Task<StaffView> RegisterAsync(IGrainFactory grains, string staffId, StaffProfile profile, StaffView? before)
    {
        var staff = grains.Reference<IStaffGrain>(staffId);
        var view = Holds(before, profile) ? before! : await staff.SetProfileAsync(profile);
        if (before is not null && before.DealershipId != profile.DealershipId && before.DealershipId.Length > 0)
        {
            await grains.Reference<IStaffRosterGrain>(before.DealershipId).LeaveAsync(staffId);
        }

        await grains.Reference<IStaffRosterGrain>(profile.DealershipId).JoinAsync(new RosterMember(staffId, profile.Name, profile.Role));
        return view;
    }

    /// <summary>Whether the member holds this profile already.</summary>
    public static bool Holds(StaffView? view, StaffProfile profile) =>
        view is not null && view.Name == profile.Name && view.Role == profile.Role && view.DealershipId == profile.DealershipId && view.Designation == profile.Designation;
}
