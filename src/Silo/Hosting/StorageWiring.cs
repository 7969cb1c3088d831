using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Pitstop.Grains;
using Pitstop.Grains.Archive;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.League;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;
using Pitstop.Silo.Archive;
using Pitstop.Silo.Storage;
using Pitstop.Grains.Versions;
using Pitstop.Grains.Wallets;

namespace Pitstop.Silo.Hosting;

internal static class StorageWiring
{
    public static ISiloBuilder AddPitstopStorage(this ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Services.AddSingleton<RecordsSender>();
        // A silo's, like the sender it hands the member grains: a client (the API of the PostgreSQL
        // mode) has neither, and Development's check of every registration refused it at start.
        silo.Services.AddSingleton<MemberServices>();
        silo.Services.AddSingleton<ChallengeCatalogCopy>();
        silo.Services.AddSingleton<ProgramVersions>();
        silo.Services.AddOptions<ArchiveOptions>().BindConfiguration(ArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (settings.IsEmbedded)
        {
            silo.Services.AddSingleton<IEventArchive, InMemoryEventArchive>();
            silo.Services.AddSingleton<INotificationFeed, InMemoryNotificationFeed>();
            silo.Services.AddSingleton<ILedgerJournal, InMemoryLedgerJournal>();
            silo.Services.AddSingleton<ILeagueStore, InMemoryLeagueStore>();
            silo.AddMemoryGrainStorage(StorageNames.Grains).AddMemoryGrainStorage(StorageNames.Reference);
            // Replaces the plain memory storage registered above (its options stay): the stream-fed
            // grains' entries are journalled by their storage in both modes.
            silo.Services.AddGrainStorage(StorageNames.Grains, (services, name) => new JournallingMemoryStorage(
                MemoryGrainStorageFactory.Create(services, name),
                services.GetRequiredService<ILedgerJournal>(),
                services.GetRequiredService<PointsMetrics>()));
            return silo;
        }

        silo.Services.AddSingleton<INotificationFeed>(_ => new PostgresNotificationFeed(settings.Postgres));
        silo.Services.AddSingleton<ILedgerJournal>(_ => new PostgresLedgerJournal(settings.Postgres));
        silo.Services.AddSingleton<ILeagueStore>(_ => new PostgresLeagueStore(settings.Postgres));
        silo.Services.AddSingleton<IEventArchive>(services => new PostgresEventArchive(settings.Postgres, services.GetRequiredService<Serializer>()));

        silo.Services.AddGrainStorage(StorageNames.Grains, (services, _) => new BatchedGrainStorage(
            settings.Postgres,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<PointsMetrics>()));

        silo.AddAdoNetGrainStorage(StorageNames.Reference, o =>
        {
            o.Invariant = PostgresInvariant.Name;
            o.ConnectionString = settings.Postgres;
        });
        // Orleans' binary format rather than JSON, as for the batched storage: the same [Id]-based
        // versioning as the messages, so a renamed member never breaks stored state.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Reference)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }

    /// <summary>The reminder service, and the engine's own timers that run on it (the expiry, review and archive sweeps).</summary>
    public static ISiloBuilder AddPitstopReminders(this ISiloBuilder silo, ClusterSettings settings)
    {
        if (settings.IsEmbedded)
        {
            silo.UseInMemoryReminderService();
        }
        else
        {
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresInvariant.Name;
                o.ConnectionString = settings.Postgres;
            });
        }

        // Every silo registers it; registering an existing reminder again changes nothing.
        return silo.AddStartupTask(async (services, _) =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).StartAsync();
            await grains.GetGrain<ITierReviewSweepGrain>(ITierReviewSweepGrain.Key).StartAsync();
            await grains.GetGrain<IEventArchiveSweepGrain>(IEventArchiveSweepGrain.Key).StartAsync();
        });
    }
}
