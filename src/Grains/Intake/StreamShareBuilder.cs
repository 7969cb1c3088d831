using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>Gathers a grain's share of a delivery, event by event with its position.</summary>
internal sealed class StreamShareBuilder
{
    private readonly List<DmsEvent> _events = [];
    private readonly List<EventPosition> _positions = [];

    public int Count => _events.Count;

    public void Add(DmsEvent e, EventPosition position)
    {
        _events.Add(e);
        _positions.Add(position);
    }

    public StreamShare ToShare() => new(_events, _positions);
}
