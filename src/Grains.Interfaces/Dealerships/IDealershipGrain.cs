namespace Pitstop.Grains.Interfaces.Dealerships;

/// <summary>
/// One service centre: its reference data and the events it has taken in, counted by its months
/// (<see cref="IDealershipMonthGrain"/>) and handed on by its event router; keyed by dealership id.
/// </summary>
[Alias("pitstop.IDealershipGrain")]
public interface IDealershipGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the dealership and lists it in the directory.</summary>
    [Alias("register")]
    Task<DealershipView> RegisterAsync(DealershipProfile profile);

    /// <summary>The dealership, or null when it was never registered.</summary>
    [ReadOnly, Alias("get")]
    Task<DealershipView?> GetAsync();

    /// <summary>
    /// Takes the latest counts of some of its months (by <c>yyyy-MM</c>). Counts only grow, so a
    /// report older than the one already taken changes nothing.
    /// </summary>
    [Alias("count-months")]
    Task CountMonthsAsync(IReadOnlyDictionary<string, EventCounts> months);
}

[GenerateSerializer, Immutable, Alias("pitstop.DealershipProfile")]
public sealed record DealershipProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string City,
    [property: Id(2)] string State,
    [property: Id(3)] string Region);

[GenerateSerializer, Immutable, Alias("pitstop.DealershipView")]
public sealed record DealershipView(
    [property: Id(0)] string DealershipId,
    [property: Id(1)] DealershipProfile Profile,
    [property: Id(2)] long EventsApplied,
    [property: Id(3)] IReadOnlyDictionary<string, long> EventsByType);
