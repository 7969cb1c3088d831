using System.Diagnostics.Metrics;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Grains.Intake;

/// <summary>
/// The event streams' counters (meter <c>Pitstop.Delivery</c>, exported at <c>/metrics</c>): events
/// moved aside as poison, and what administrators did with them. A rising
/// <c>pitstop.events.dead_lettered</c> is what an operator alerts on.
/// </summary>
public sealed class DeliveryMetrics
{
    public const string MeterName = "Pitstop.Delivery";

    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _resolved;

    public DeliveryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _deadLettered = meter.CreateCounter<long>("pitstop.events.dead_lettered", "{event}", "Events moved aside because their grains could not apply them, by type and dealership");
        _resolved = meter.CreateCounter<long>("pitstop.events.dead_letters_resolved", "{event}", "Dead letters retried or discarded by an administrator, by outcome");
    }

    public void DeadLettered(DmsEvent e) =>
        _deadLettered.Add(1, new("type", e.Data.Type), new("dealership", e.DealershipId));

    public void Resolved(DmsEvent e, DeadLetterStatus outcome) =>
        _resolved.Add(1, new("type", e.Data.Type), new("outcome", WireNames.Of(outcome)));
}
