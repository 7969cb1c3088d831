using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.Dealerships;

/// <summary>
/// One service centre: its reference data and the events it has taken in. Fed by its
/// event router; keyed by dealership id.
/// </summary>
[Alias("pitstop.IDealershipGrain")]
public interface IDealershipGrain : IEventConsumer
{
    /// <summary>Registers or updates the dealership and lists it in the directory.</summary>
    [Alias("register")]
    Task<DealershipView> RegisterAsync(DealershipProfile profile);

    /// <summary>The dealership, or null when it was never registered.</summary>
    [ReadOnly, Alias("get")]
    Task<DealershipView?> GetAsync();
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
