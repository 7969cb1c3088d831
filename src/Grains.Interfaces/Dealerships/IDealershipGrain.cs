namespace Pitstop.Grains.Interfaces.Dealerships;

/// <summary>
/// One service centre: its reference data and the list of its months that count its events
/// (<see cref="IDealershipMonthGrain"/>), whose counts it sums when read; keyed by dealership id.
/// </summary>
[Alias("pitstop.IDealershipGrain")]
public interface IDealershipGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the dealership and lists it in the directory.</summary>
    [Alias("register")]
    Task<DealershipView> RegisterAsync(DealershipProfile profile);

    /// <summary>The dealership with its events counted (its months' counts, summed), or null when it was never registered.</summary>
    [ReadOnly, Alias("get")]
    Task<DealershipView?> GetAsync();

    /// <summary>The dealership's profile alone (no month is asked), or null when it was never registered.</summary>
    [ReadOnly, Alias("profile")]
    Task<DealershipProfile?> ProfileAsync();

    /// <summary>
    /// Lists months (<c>yyyy-MM</c>) that count the dealership's events, so that a read sums them;
    /// its router lists a month before the month counts anything. Listing one twice changes nothing.
    /// </summary>
    [Alias("list-months")]
    Task ListMonthsAsync(IReadOnlyCollection<string> months);
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
