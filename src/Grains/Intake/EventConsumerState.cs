using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>The part of every stream-fed grain's state that makes event application idempotent.</summary>
[GenerateSerializer, Alias("pitstop.EventConsumerState")]
public abstract class EventConsumerState
{
    /// <summary>The digests a state written before offsets carries: only read, dropped once empty.</summary>
    [Id(0)]
    public AppliedDigests? EarlierDigests { get; set; }

    [Id(1)]
    public long EventsApplied { get; set; }

    [Id(2)]
    public AppliedOffsets Applied { get; set; } = new();

    /// <summary>Whether the event at <paramref name="position"/> was applied, by either record.</summary>
    public bool HasApplied(DmsEvent e, EventPosition position) =>
        Applied.HasApplied(e, position) || EarlierDigests?.Contains(e) == true;

    /// <summary>Forgets what no copy of an event can come back for any more.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        Applied.ForgetExpired(now);
        EarlierDigests?.ForgetExpired(now);
        if (EarlierDigests?.Count == 0)
        {
            EarlierDigests = null;
        }
    }
}
