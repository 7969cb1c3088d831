using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Streams;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Streams;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// The event streams: memory streams in the embedded mode, the PostgreSQL queue otherwise. Grains
/// see the same provider name and namespaces in both.
/// </summary>
internal static class StreamWiring
{
    private const int Partitions = 8;

    /// <summary>How often a pulling agent polls its partition.</summary>
    internal static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(20);

    public static ISiloBuilder AddPitstopEventStreams(this ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (settings.IsEmbedded)
        {
            return silo.AddMemoryStreams(EventStreams.ProviderName, streams =>
            {
                streams.ConfigurePartitioning(Partitions);
                streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                streams.ConfigurePullingAgent(ob => ob.Configure(ConfigureAgent));
            });
        }

        ConfigureQueueOptions(silo.Services, settings);
        return silo.AddPersistentStreams(EventStreams.ProviderName, PostgresQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(ob => ob.Configure(ConfigureAgent));
        });
    }

    /// <summary>
    /// An API node admits events through the queue's writer (keys and queue rows in one
    /// transaction), not through a stream provider: it produces nothing else.
    /// </summary>
    public static IClientBuilder AddPitstopEventQueueWriter(this IClientBuilder client, ClusterSettings settings)
    {
        ConfigureQueueOptions(client.Services, settings);
        client.Services.AddSingleton(services => PostgresQueueAdapterFactory.CreateWriter(services, EventStreams.ProviderName));
        return client;
    }

    private static void ConfigureAgent(StreamPullingAgentOptions o)
    {
        // Hand a router up to this many queue messages at once: one state write per grain for all
        // of them. Under a backlog every dealership's router gets a full delivery at the same time;
        // at 256 many took longer than the 30 s response timeout and were delivered again (156-171
        // timeouts in a saturated run of 100,000 events, 5 at 64, for the same applied rate).
        o.BatchContainerBatchSize = 64;
        o.GetQueueMsgsTimerPeriod = PollPeriod;
        // Never skip a message whose consumer keeps failing (say, storage is down): after this
        // long the agent would move on and the event would be lost. Poison is moved aside by the
        // router itself, after DeliveryOptions.MaxAttempts, and only when waiting cannot cure it.
        o.MaxEventDeliveryTime = TimeSpan.FromDays(3650);
    }

    private static void ConfigureQueueOptions(IServiceCollection services, ClusterSettings settings) =>
        services.AddOptions<PostgresStreamOptions>(EventStreams.ProviderName)
            .BindConfiguration($"{ClusterSettings.Section}:Streams")
            .Configure(o =>
            {
                o.ConnectionString = settings.Postgres;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
