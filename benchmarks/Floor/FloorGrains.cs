using Orleans.Concurrency;
using Pitstop.Grains;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Floor;

/// <summary>The floor's stream consumer (<see cref="FloorRouterGrain"/>), one per dealership stream; called by nothing but its stream.</summary>
[Alias("bench.IFloorRouterGrain")]
public interface IFloorRouterGrain : IGrainWithStringKey;

/// <summary>A member grain of the floor: takes its share of a delivery and writes its (empty) state once.</summary>
[Alias("bench.IFloorMemberGrain")]
public interface IFloorMemberGrain : IGrainWithStringKey
{
    [Alias("apply")]
    Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events);
}

/// <summary>In a customer grain's place (its own grain type, so its rows are told apart in the state table).</summary>
[Alias("bench.IFloorCustomerGrain")]
public interface IFloorCustomerGrain : IFloorMemberGrain;

/// <summary>In a staff grain's place.</summary>
[Alias("bench.IFloorStaffGrain")]
public interface IFloorStaffGrain : IFloorMemberGrain;

/// <summary>In a dealership's job-card watch's place.</summary>
[Alias("bench.IFloorWatchGrain")]
public interface IFloorWatchGrain : IFloorMemberGrain;

/// <summary>Nothing: what the floor's grains persist, so that a write costs the storage path alone.</summary>
[GenerateSerializer, Alias("bench.FloorState")]
public sealed class FloorState;

/// <summary>
/// Activates, receives its share and writes an empty state through the engine's batched grain
/// storage (<see cref="StorageNames.Grains"/>), as each member grain writes once per delivery.
/// </summary>
public abstract class FloorMemberGrain(IPersistentState<FloorState> state) : Grain, IFloorMemberGrain
{
    public Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events) => state.WriteStateAsync();
}

public sealed class FloorCustomerGrain([PersistentState("customer", StorageNames.Grains)] IPersistentState<FloorState> state)
    : FloorMemberGrain(state), IFloorCustomerGrain;

public sealed class FloorStaffGrain([PersistentState("staff", StorageNames.Grains)] IPersistentState<FloorState> state)
    : FloorMemberGrain(state), IFloorStaffGrain;

public sealed class FloorWatchGrain([PersistentState("job-card-watch", StorageNames.Grains)] IPersistentState<FloorState> state)
    : FloorMemberGrain(state), IFloorWatchGrain;
