using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;

namespace Pitstop.Rules.Tests.Ledger;

public sealed class PointsMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static LedgerEntry Entry(string kind, string from, string to, long points) =>
        new($"{kind}-{points}", DateTimeOffset.UnixEpoch, kind, from, to, points, "D-1", null, null);

    [Fact]
    public void Each_journalled_movement_counts_on_its_own_counter_with_the_member_kind()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        var metrics = new PointsMetrics(meters);
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, points, tags, _) =>
            seen.Add($"{instrument.Name} {points} {string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}".TrimEnd()));
        listener.Start();

        metrics.Journalled(
        [
            Entry(EntryKinds.Mint, Accounts.Minted, Accounts.Pool, 1_000),
            Entry(EntryKinds.TopUp, Accounts.Pool, "budget:D-1", 900),
            Entry(EntryKinds.Award, "budget:D-1", "customer:C-1", 500),
            Entry(EntryKinds.Award, "budget:D-1", "staff:S-1", 192),
            Entry(EntryKinds.Redemption, "customer:C-1", Accounts.Redeemed, 300),
            Entry(EntryKinds.Refund, Accounts.Redeemed, "customer:C-1", 300),
            Entry(EntryKinds.Expiry, "customer:C-1", Accounts.Expired, 50),
            Entry(EntryKinds.Reversal, "staff:S-1", "budget:D-1", 40),
            Entry(EntryKinds.Cancellation, "staff:S-1", "budget:D-1", 30),
        ]);
        metrics.HeldPending(70);
        metrics.HeldPending(0);

        seen.Should().Equal(
            "pitstop.points.minted 1000",
            "pitstop.points.topped_up 900",
            "pitstop.points.issued 500 member=customer",
            "pitstop.points.issued 192 member=staff",
            "pitstop.points.redeemed 300 member=customer",
            "pitstop.points.refunded 300 member=customer",
            "pitstop.points.expired 50 member=customer",
            "pitstop.points.reversed 40 member=staff,reason=reversal",
            "pitstop.points.reversed 30 member=staff,reason=cancellation",
            "pitstop.points.pending 70");
    }

    public void Dispose() => _services.Dispose();
}
