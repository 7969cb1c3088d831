using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.Archive;

/// <summary>
/// An accepted event as its dealership's stream applied it: the event, its place in the archive
/// (<see cref="Seq"/>, which follows each dealership's stream order) and the program time at which
/// its grains applied it, the clock a replay must show them.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.ArchivedEvent")]
public sealed record ArchivedEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] DmsEvent Event,
    [property: Id(2)] DateTimeOffset AppliedAt);

/// <summary>
/// Which archived events to read: those after <see cref="After"/> (a <see cref="ArchivedEvent.Seq"/>),
/// of one dealership or all (null), that occurred in [<see cref="From"/>, <see cref="To"/>), oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.ArchiveQuery")]
public sealed record ArchiveQuery(
    [property: Id(0)] string? DealershipId,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] long After,
    [property: Id(4)] int Limit);
