namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>A grain that events change: customers, staff members, dealerships.</summary>
[Alias("pitstop.IEventConsumer")]
public interface IEventConsumer : IGrainWithStringKey
{
    /// <summary>
    /// Applies the events this grain has not applied before, in the order given, and persists the
    /// result before returning (one state write for all of them). The list is passed as
    /// <see cref="Immutable{T}"/>: neither side changes it, so a call within a silo skips the copy.
    /// </summary>
    [Alias("apply")]
    Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events);

    /// <summary>
    /// Runs this grain's rules on the events as <see cref="ApplyAsync"/> would, and throws what
    /// they would throw, but keeps nothing: no write, no award asked, and the activation is dropped
    /// afterwards, so what it changed in memory is read back from storage. The router asks every
    /// grain of an event it suspects of poison before any applies it, so a poison event is
    /// applied by all of its grains or by none.
    /// </summary>
    [Alias("probe")]
    Task ProbeAsync(Immutable<IReadOnlyList<DmsEvent>> events);
}
