using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.Workshop;

/// <summary>
/// A dealership's job-card SLA watch (events.md, <c>service.visit.opened</c>): its open job cards
/// and the alerts raised for them, reviewed by one durable reminder per dealership rather than one
/// per card. Keyed by dealership id; fed by the dealership's router with its visits opened and
/// completed. It calls no grain.
/// </summary>
[Alias("pitstop.IJobCardWatchGrain")]
public interface IJobCardWatchGrain : IEventConsumer
{
    /// <summary>The job cards under watch, soonest promise first.</summary>
    [ReadOnly, Alias("watched")]
    Task<IReadOnlyList<JobCardWatch>> WatchedAsync();

    /// <summary>
    /// Raises the alerts that have fallen due (SLA approaching, breached) as notifications; the
    /// reminder calls it, and so may anyone (it is idempotent). Answers how many it raised.
    /// </summary>
    [Alias("review")]
    Task<int> ReviewAsync();
}

/// <summary>An open job card and the alerts already raised for it.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.JobCardWatch")]
public sealed record JobCardWatch(
    [property: Id(0)] string JobCardId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string AdvisorId,
    [property: Id(3)] DateTimeOffset PromisedAt,
    [property: Id(4)] bool ApproachingRaised = false,
    [property: Id(5)] bool BreachedRaised = false);
