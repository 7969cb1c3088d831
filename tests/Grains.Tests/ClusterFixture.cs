using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Hosting;

namespace Pitstop.Grains.Tests;

/// <summary>A two-silo test cluster wired with the embedded mode's providers (memory storage and streams).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddPitstopProviders(ClusterSettings.From(new ConfigurationBuilder().Build()));
            siloBuilder.Services.AddPitstopProgram();
            siloBuilder.AddIncomingGrainCallFilter<RefusedEnrolment>();
            siloBuilder.AddIncomingGrainCallFilter<PoisonedEvents>();
            siloBuilder.AddIncomingGrainCallFilter<AnsweredCalls>();
            siloBuilder.AddIncomingGrainCallFilter<CountedCalls>();
            // Two failures before a chunk's events go one at a time: seconds, not half a minute.
            siloBuilder.Services.Configure<DeliveryOptions>(o => o.MaxAttempts = 2);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(EventStreams.ProviderName);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "test cluster";
}
