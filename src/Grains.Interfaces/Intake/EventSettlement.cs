namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// What became of an event a client waits for (<c>POST /api/v1/events?wait=applied</c>), as its
/// dealership's router knows it (<see cref="IEventRouterGrain.SettlementAsync"/>).
/// </summary>
[GenerateSerializer, Alias("pitstop.EventSettlement")]
public enum EventSettlement
{
    /// <summary>
    /// The router has no record of it: nobody waited for it, or it was settled longer ago than the
    /// router remembers, or the router's activation started again since (a silo stopped).
    /// </summary>
    Unknown,

    /// <summary>Expected and not yet delivered to its grains.</summary>
    Pending,

    /// <summary>Applied and persisted by every grain it concerns.</summary>
    Applied,

    /// <summary>Moved aside as a dead letter: settled, but not applied.</summary>
    DeadLettered,
}
