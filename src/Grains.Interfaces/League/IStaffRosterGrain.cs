using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// The staff registered at one dealership (<c>PUT /staff/{id}</c> and the staff import), keyed by
/// dealership id: the "registered" of the league's participation. Staff the dealer systems name
/// before they are registered are on the boards but not on the roster.
/// </summary>
[Alias("pitstop.IStaffRosterGrain")]
public interface IStaffRosterGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates a member; repeating it changes nothing.</summary>
    [Alias("join")]
    Task JoinAsync(RosterMember member);

    /// <summary>Takes a member off (they moved to another dealership); a member not on it is ignored.</summary>
    [Alias("leave")]
    Task LeaveAsync(string staffId);

    [ReadOnly, Alias("list")]
    Task<IReadOnlyList<RosterMember>> ListAsync();
}

[GenerateSerializer, Immutable, Alias("pitstop.RosterMember")]
public sealed record RosterMember([property: Id(0)] string StaffId, [property: Id(1)] string Name, [property: Id(2)] StaffRole Role);
