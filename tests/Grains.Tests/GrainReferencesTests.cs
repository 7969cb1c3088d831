using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    [Fact]
    public void References_after_the_first_address_the_same_grains_as_the_platform_would()
    {
        // The first reference of an interface resolves its types; the later ones are built from them.
        foreach (var key in new[] { "C-refs-1", "C-refs-2", "C-refs-3" })
        {
            var made = (GrainReference)(object)_client.Reference<ICustomerGrain>(key);
            var platform = (GrainReference)(object)_client.GetGrain<ICustomerGrain>(key);
            made.GrainId.Should().Be(platform.GrainId);
            made.InterfaceType.Should().Be(platform.InterfaceType);
        }

        var pool = (GrainReference)(object)_client.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key);
        pool.GrainId.Should().Be(((GrainReference)(object)_client.GetGrain<IBrandPoolGrain>(IBrandPoolGrain.Key)).GrainId);
        ((GrainReference)(object)_client.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key)).GrainId.Should().Be(pool.GrainId);
    }

    [Fact]
    public async Task A_made_reference_reaches_its_grain()
    {
        _ = _client.Reference<ICustomerGrain>("C-refs-first");

        (await _client.Reference<ICustomerGrain>("C-refs-never-seen").GetAsync()).Should().BeNull("a customer no event named does not exist");
    }
}
