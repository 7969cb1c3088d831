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
}
