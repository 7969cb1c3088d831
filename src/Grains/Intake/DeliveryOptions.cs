using System.ComponentModel.DataAnnotations;

namespace Pitstop.Grains.Intake;

/// <summary>How the event streams treat a delivery that keeps failing (section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// Failures in a row, for a reason waiting does not cure, after which a chunk's events are taken
    /// one at a time and those that still fail are moved aside (dead-lettered). The stream's own
    /// backoff (1 s doubling to 30 s) spaces the attempts: five take about half a minute.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
}
