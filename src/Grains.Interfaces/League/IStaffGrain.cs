using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Interfaces.League;

/// <summary>One service staff member: KPI points and wallet. Fed by its dealership's event router; keyed by staff id.</summary>
[Alias("pitstop.IStaffGrain")]
public interface IStaffGrain : IEventConsumer, IWalletHolder
{
    /// <summary>
    /// <see cref="IEventConsumer.ApplyAsync"/> from the router of <paramref name="dealershipId"/>,
    /// which tells the dealership's state (null when it does not know it): the member takes it
    /// instead of asking the dealership, for its state board and for challenges run in states.
    /// </summary>
    [Alias("apply-in")]
    Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events, string dealershipId, string? dealershipState);

    /// <summary>The staff member as the API shows them, or null for one no event has named yet.</summary>
    [ReadOnly, Alias("get")]
    Task<StaffView?> GetAsync();

    /// <summary>
    /// Receives a spot award from the member's dealership budget; it counts in the league this
    /// month. Idempotent per award id; null for a member no event has named yet.
    /// </summary>
    [Alias("receive-spot-award")]
    Task<SpotAward?> ReceiveSpotAwardAsync(string awardId, long points, string reason);

    /// <summary>
    /// Records the member's reference data (api.md): name, role, dealership and HR designation, which events
    /// otherwise only imply. Scores already given stay on the boards they were given to.
    /// </summary>
    [Alias("set-profile")]
    Task<StaffView> SetProfileAsync(StaffProfile profile);
}

[GenerateSerializer, Immutable, Alias("pitstop.StaffProfile")]
public sealed record StaffProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] StaffRole Role,
    [property: Id(2)] string DealershipId,
    // The HR system's job title ("Senior Technician"): shown as given, the role alone drives the rules.
    [property: Id(3)] string? Designation);

[GenerateSerializer, Immutable, Alias("pitstop.StaffView")]
public sealed record StaffView(
    [property: Id(0)] string StaffId,
    [property: Id(1)] StaffRole Role,
    [property: Id(2)] string DealershipId,
    [property: Id(3)] PointsBalance Wallet,
    [property: Id(4)] long KpiPoints,
    [property: Id(5)] long EventsApplied,
    [property: Id(6)] long MonthScore,
    [property: Id(7)] IReadOnlyList<string> Badges,
    [property: Id(8)] string? Name,
    [property: Id(9)] IReadOnlyList<string> Challenges,
    [property: Id(10)] string? Designation,
    // Each challenge in force for the member now, with how far they are towards it.
    [property: Id(11)] IReadOnlyList<ChallengeStanding> ChallengeStandings);
