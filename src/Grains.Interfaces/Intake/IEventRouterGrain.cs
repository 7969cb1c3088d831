using Orleans.Concurrency;

namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// Consumes one dealership's event stream (key: dealership id) and applies each batch to every
/// grain its events concern. It has no state: a redelivered batch is routed again and the grains
/// skip what they already applied. In memory it keeps what clients wait for (read-your-writes):
/// the events the intake said it is about to publish, and what became of them once delivered.
/// </summary>
[Alias("pitstop.IEventRouterGrain")]
public interface IEventRouterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Remembers the keys as pending, so that their delivery is noted; the intake calls this before
    /// it publishes their events. Interleaves with a delivery in progress, so that it never waits
    /// behind a backlog.
    /// </summary>
    [AlwaysInterleave, Alias("expect")]
    Task ExpectAsync(Immutable<IReadOnlyList<EventKey>> keys);

    /// <summary>
    /// What became of each key (in the order given), once none of them is pending any more or
    /// <paramref name="wait"/> has passed, whichever comes first.
    /// </summary>
    [AlwaysInterleave, Alias("settlement")]
    Task<IReadOnlyList<EventSettlement>> SettlementAsync(Immutable<IReadOnlyList<EventKey>> keys, TimeSpan wait);

    /// <summary>
    /// Applies one chunk of this dealership's events (1 to 500, in stream order) as a stream
    /// delivery applies a chunk, archive included, and fails as it fails. What-if replays feed the
    /// archived chunks of a simulation's silo this way: the grouping and order the engine applied
    /// them in, without a stream between. The intake never calls it.
    /// </summary>
    [Alias("replay")]
    Task ReplayAsync(Immutable<IReadOnlyList<DmsEvent>> chunk);
}
