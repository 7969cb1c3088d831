namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// A grain's share of a delivery: its events in stream order, each with its position in its
/// dealership's stream (<see cref="Positions"/>[i] is <see cref="Events"/>[i]'s).
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.StreamShare")]
public sealed record StreamShare([property: Id(0)] IReadOnlyList<DmsEvent> Events, [property: Id(1)] IReadOnlyList<EventPosition> Positions)
{
    public int Count => Events.Count;
}
