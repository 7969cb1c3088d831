using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Pitstop.Api.Tests.Determinism;

/// <summary>An embedded engine whose grains take their events late when a test says so (<see cref="DelayedCalls"/>).</summary>
public sealed class ShuffledEngine : EmbeddedEngine
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IIncomingGrainCallFilter, DelayedCalls>());
    }
}

[CollectionDefinition(Name)]
public sealed class ShuffledCollection : ICollectionFixture<ShuffledEngine>
{
    public const string Name = "shuffled engine";
}
