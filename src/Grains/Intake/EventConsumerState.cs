namespace Pitstop.Grains.Intake;

/// <summary>The part of every stream-fed grain's state that makes event application idempotent.</summary>
[GenerateSerializer, Alias("pitstop.EventConsumerState")]
public abstract class EventConsumerState
{
    [Id(0)]
    public AppliedEvents Applied { get; set; } = new();

    [Id(1)]
    public long EventsApplied { get; set; }
}
