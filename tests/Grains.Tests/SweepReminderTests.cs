using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class SweepReminderTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("expiry-sweep")]
    [InlineData("tier-review-sweep")]
    public async Task Every_silo_start_leaves_the_sweep_with_its_durable_hourly_reminder(string reminder)
    {
        var grains = fixture.Cluster.Client;
        var sweep = reminder == "expiry-sweep"
            ? grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).GetGrainId()
            : grains.GetGrain<ITierReviewSweepGrain>(ITierReviewSweepGrain.Key).GetGrainId();
        var silo = (InProcessSiloHandle)fixture.Cluster.Primary!;

        var rows = await silo.SiloHost.Services.GetRequiredService<IReminderTable>().ReadRows(sweep);

        rows.Reminders.Should().ContainSingle(r => r.ReminderName == reminder)
            .Which.Period.Should().Be(TimeSpan.FromHours(1));
    }
}
