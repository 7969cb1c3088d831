using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeactivationMetricsTests(ClusterFixture fixture) : IDisposable
{
    private readonly IClusterClient _client = fixture.Cluster.Client;
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task A_deactivation_is_counted_with_its_grain_type_and_the_reason_Orleans_gives()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "pitstop.grains.deactivated")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, count, tags, _) =>
            _seen.Enqueue($"{string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))} {count}"));
        _listener.Start();
        var visit = new DmsEvent("dms", "deactivation-1", DateTimeOffset.UtcNow.AddMinutes(-5), "DLR-G-deactivation",
            new VisitCompleted("JC-deactivation-1", "C-deactivation", "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", ["S-T1"],
                DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), true, false, true, 10_000m));
        (await _client.PublishAsync(visit)).Should().Equal(EventSettlement.Applied);

        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The collector deactivates in the background once the call above has asked it to.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_seen.Contains("grain=customer,reason=ActivationIdle 1") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        _seen.Should().Contain("grain=customer,reason=ActivationIdle 1");
    }

    public void Dispose() => _listener.Dispose();
}
