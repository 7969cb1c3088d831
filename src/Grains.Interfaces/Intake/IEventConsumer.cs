namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>A grain that events change: customers, staff members, dealerships.</summary>
[Alias("pitstop.IEventConsumer")]
public interface IEventConsumer : IGrainWithStringKey
{
    /// <summary>
    /// Applies the events this grain has not applied before, in the order given, and persists the
    /// result before returning (one state write for all of them). The share is passed as
    /// <see cref="Immutable{T}"/>: neither side changes it, so a call within a silo skips the copy.
    /// </summary>
    [Alias("apply-share")]
    Task ApplyAsync(Immutable<StreamShare> share);

    /// <summary>
    /// Runs this grain's rules on the events as <see cref="ApplyAsync"/> would, and throws what
    /// they would throw, but keeps nothing: no write, no award asked, and the activation is dropped
    /// afterwards, so what it changed in memory is read back from storage. The router asks every
    /// grain of an event it suspects of poison before it hands the event to any of them one by one.
    /// </summary>
    [Alias("probe-share")]
    Task ProbeAsync(Immutable<StreamShare> share);

    /// <summary>
    /// The router is moving the event at <paramref name="position"/> aside: if this grain applied it
    /// there (an earlier attempt handed it to all its grains at once), it remembers that a retry of
    /// the event, which comes back at a new position, must be skipped.
    /// </summary>
    [Alias("remember-moved-aside")]
    Task RememberMovedAsideAsync(DmsEvent e, EventPosition position);
}
