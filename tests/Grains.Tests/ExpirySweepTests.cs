using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class ExpirySweepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_silo_start_leaves_the_expiry_sweep_with_its_durable_reminder()
    {
        var sweep = fixture.Cluster.Client.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).GetGrainId();
        var silo = (InProcessSiloHandle)fixture.Cluster.Primary!;

        var rows = await silo.SiloHost.Services.GetRequiredService<IReminderTable>().ReadRows(sweep);

        rows.Reminders.Should().ContainSingle(r => r.ReminderName == "expiry-sweep")
            .Which.Period.Should().Be(TimeSpan.FromHours(1));
    }
}
