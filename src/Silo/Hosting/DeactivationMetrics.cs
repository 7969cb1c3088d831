using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime.Diagnostics;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// Counts the silo's deactivations by grain type and Orleans' reason (meter <see cref="MeterName"/>,
/// <c>pitstop.grains.deactivated</c>): an activation dropped early costs a storage read when it is
/// next called, and only the reason tells idle collection from a grain that dropped itself.
/// Orleans reports the reason to its lifecycle listener alone, not in its own meter or logs.
/// </summary>
public sealed class DeactivationMetrics : IHostedService, IObserver<GrainLifecycleEvents.LifecycleEvent>, IDisposable
{
    public const string MeterName = "Pitstop.Grains";

    private readonly Counter<long> _deactivated;
    private IDisposable? _subscription;

    public DeactivationMetrics(IMeterFactory meters)
    {
        _deactivated = meters.Create(MeterName).CreateCounter<long>(
            "pitstop.grains.deactivated", "{activation}", "Grain activations deactivated, by grain type and reason");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = GrainLifecycleEvents.AllEvents.Subscribe(this);
        return Task.CompletedTask;
    }

    // Still counting while the silo stops: its shutdown deactivates every activation, and those
    // are told apart from the others by their reason, ShuttingDown.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();

    public void OnNext(GrainLifecycleEvents.LifecycleEvent value)
    {
        if (value is GrainLifecycleEvents.Deactivating deactivating)
        {
            _deactivated.Add(1, new("grain", deactivating.GrainContext.GrainId.Type.ToString()), new("reason", deactivating.Reason.ReasonCode.ToString()));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
