using Pitstop.Grains.Interfaces.Archive;

namespace Pitstop.Grains.Archive;

/// <summary>
/// The event archive: every event a dealership's stream applied, in stream order, with the program
/// time it was applied at. Appending is idempotent on the event's (source, id): a stream retries a
/// chunk whose acknowledgement failed, and its events are then kept once, at their first place.
/// </summary>
public interface IEventArchive
{
    /// <summary>Appends <paramref name="events"/> in their order; <see cref="ArchivedEvent.Seq"/> is assigned here.</summary>
    Task AppendAsync(IReadOnlyList<ArchivedEvent> events);

    Task<IReadOnlyList<ArchivedEvent>> ReadAsync(ArchiveQuery query);

    /// <summary>Removes the events that occurred before <paramref name="occurredBefore"/>; how many went.</summary>
    Task<long> TrimAsync(DateTimeOffset occurredBefore);
}
