using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Concurrency;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Streams;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// A poison event in the PostgreSQL queue: its dealership's stream retries it, and every other
/// dealership of its partition must keep flowing. The silo runs in a test cluster on PostgreSQL
/// (storage, reminders and the event queue), with one partition for the whole network and a small
/// queue cache, so the stuck stream holds back the partition as soon as a few dozen messages
/// arrive behind it — as a busy network's do behind a poison event in a partition of 4,096.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PoisonPartitionTests(PostgresServer server) : IAsyncLifetime
{
    private const string Poisoned = "DLR-PGP-0";
    private const int OtherDealerships = 12;
    private const int EventsEach = 20;

    private static string _database = "";
    private TestCluster? _cluster;

    public async Task InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync("poison-partition");
        await new SchemaMigration(_database).ApplyAsync();
        _cluster = new TestClusterBuilder(1)
            .AddSiloBuilderConfigurator<SiloConfigurator>()
            .Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Other_dealerships_of_a_poisoned_partition_keep_flowing_and_the_poison_is_moved_aside_and_announced()
    {
        var client = _cluster!.Client;
        // Events come in as the intake admits them, one queue partition for the whole network.
        await using var dataSource = NpgsqlDataSource.Create(_database);
        var serializer = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(PostgresBatchContainer).Assembly).AddAssembly(typeof(DmsEvent).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<PostgresBatchContainer>>();
        await using var door = new EventQueueWriter(dataSource, new QueuePartitions(EventStreams.ProviderName, 1), serializer, 100);
        Task Admit(DmsEvent e) => door.AdmitAsync([new AdmittedEvent(e, null)], announce: null);
        await Admit(Visit("pgp-poison", Poisoned, "C-PGP-0"));

        // Message after message behind the poison, from the other dealerships and the poisoned one.
        for (var i = 0; i < EventsEach; i++)
        {
            await Task.WhenAll(Enumerable.Range(1, OtherDealerships).Select(d => Admit(Visit($"pgp-{d}-{i}", $"DLR-PGP-{d}", $"C-PGP-{d}"))));
        }

        await Admit(Visit("pgp-after", Poisoned, "C-PGP-0"));

        foreach (var d in Enumerable.Range(1, OtherDealerships))
        {
            await Eventually.HoldsAsync(() => client.GetGrain<ICustomerGrain>($"C-PGP-{d}").GetAsync(), c => c?.EventsApplied == EventsEach, TimeSpan.FromSeconds(90));
        }

        var poisoned = await Eventually.HoldsAsync(() => client.GetGrain<ICustomerGrain>("C-PGP-0").GetAsync(), c => c?.EventsApplied == 1, TimeSpan.FromSeconds(90));
        poisoned!.Balance.Pending.Should().Be(500, "the event after the poison is applied, the poison is not");
        var letters = await client.GetGrain<IDeadLettersGrain>(IDeadLettersGrain.Key).ListAsync(DeadLetterStatus.Open);
        var letter = letters.Should().ContainSingle(l => l.Event.Id == "pgp-poison").Subject;
        letter.Error.Should().Contain("OverflowException");

        // The move and an administrator's discard are announced on the durable feed (every silo's).
        await client.GetGrain<IDeadLettersGrain>(IDeadLettersGrain.Key).DiscardAsync(letter.Id, "ops@test");
        var notices = await client.GetGrain<INotificationsGrain>(0).ReadAsync(0, 1_000, [Poisoned]);
        notices.Should().ContainSingle(n => n.Type == NotificationTypes.EventDeadLettered).Which.Data.Should().Contain("eventId", "pgp-poison");
        notices.Should().ContainSingle(n => n.Type == NotificationTypes.DeadLetterDiscarded).Which.Data.Should().Contain("by", "ops@test");
    }

    private static DmsEvent Visit(string id, string dealershipId, string customerId) => new(
        "dms", id, DateTimeOffset.UtcNow.AddMinutes(-5), dealershipId,
        new VisitCompleted("JC-" + id, customerId, "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A-" + dealershipId, ["S-T-" + dealershipId],
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), true, false, true, 10_000m));

    private static ClusterSettings Settings() => ClusterSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Orleans"] = _database })
        .Build());

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddPitstopProviders(Settings());
            siloBuilder.Services.AddPitstopProgram();
            siloBuilder.AddIncomingGrainCallFilter<PoisonFilter>();
            siloBuilder.Services.Configure<PostgresStreamOptions>(EventStreams.ProviderName, o => o.QueueCount = 1);
            siloBuilder.Services.Configure<SimpleQueueCacheOptions>(EventStreams.ProviderName, o => o.CacheSize = 64);
            siloBuilder.Services.Configure<DeliveryOptions>(o => o.MaxAttempts = 3);
        }
    }

    /// <summary>The rules of every grain refuse the poison event, as a rule that overflows would.</summary>
    private sealed class PoisonFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.TargetContext.GrainInstance is IEventConsumer
                && context.ImplementationMethod.Name is nameof(IEventConsumer.ApplyAsync) or nameof(IEventConsumer.ProbeAsync)
                && context.Request.GetArgument(0) is Immutable<IReadOnlyList<DmsEvent>> events
                && events.Value.Any(e => e.Id == "pgp-poison")
                ? throw new OverflowException("the rules cannot apply pgp-poison in this test")
                : context.Invoke();
    }
}
