namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// One validated event of the DMS contract (events.md), as it travels through the event streams.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.DmsEvent")]
public sealed record DmsEvent(
    [property: Id(0)] string Source,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string DealershipId,
    [property: Id(4)] EventData Data)
{
    public EventKey Key => new(Source, Id);
}

/// <summary>The idempotency key of an event: (source, id) is applied at most once, forever.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.EventKey")]
public readonly record struct EventKey([property: Id(0)] string Source, [property: Id(1)] string Id)
{
    // ':' may appear in ids but never in sources (lower-case a-z 0-9 -), so the first ':' splits them.
    public override string ToString() => $"{Source}:{Id}";
}
