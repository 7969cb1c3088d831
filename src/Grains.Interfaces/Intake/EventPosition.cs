namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// Where an event sits in its dealership's stream: the queue message's sequence number and the
/// event's index in it. Positions grow along a stream, and a redelivered message keeps its own,
/// so a grain that remembers the last position it applied knows every earlier one applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.EventPosition")]
public readonly record struct EventPosition([property: Id(0)] long Sequence, [property: Id(1)] int Index) : IComparable<EventPosition>
{
    public int CompareTo(EventPosition other) =>
        Sequence != other.Sequence ? Sequence.CompareTo(other.Sequence) : Index.CompareTo(other.Index);

    public static bool operator <=(EventPosition left, EventPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventPosition left, EventPosition right) => left.CompareTo(right) >= 0;

    public static bool operator <(EventPosition left, EventPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(EventPosition left, EventPosition right) => left.CompareTo(right) > 0;
}
