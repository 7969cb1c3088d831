using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class TierReviewSweepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_silo_start_leaves_the_tier_review_sweep_with_its_durable_hourly_reminder()
    {
        var sweep = fixture.Cluster.Client.GetGrain<ITierReviewSweepGrain>(ITierReviewSweepGrain.Key).GetGrainId();
        var silo = (InProcessSiloHandle)fixture.Cluster.Primary!;

        var rows = await silo.SiloHost.Services.GetRequiredService<IReminderTable>().ReadRows(sweep);

        rows.Reminders.Should().ContainSingle(r => r.ReminderName == "tier-review-sweep")
            .Which.Period.Should().Be(TimeSpan.FromHours(1));
    }
}
