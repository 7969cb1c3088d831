using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Pitstop.Grains;
using Pitstop.Grains.Notifications;
using Pitstop.Silo.Storage;

namespace Pitstop.Silo.Hosting;

internal static class StorageWiring
{
    public static ISiloBuilder AddPitstopStorage(this ISiloBuilder silo, ClusterSettings settings)
    {
        if (settings.IsEmbedded)
        {
            silo.Services.AddSingleton<INotificationFeed, InMemoryNotificationFeed>();
            return silo.AddMemoryGrainStorage(StorageNames.Grains).AddMemoryGrainStorage(StorageNames.Reference);
        }

        silo.Services.AddSingleton<INotificationFeed>(_ => new PostgresNotificationFeed(settings.Postgres));

        silo.Services.AddGrainStorage(StorageNames.Grains, (services, _) => new BatchedGrainStorage(
            settings.Postgres,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<Serializer>()));

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

    public static ISiloBuilder AddPitstopReminders(this ISiloBuilder silo, ClusterSettings settings) =>
        settings.IsEmbedded
            ? silo.UseInMemoryReminderService()
            : silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresInvariant.Name;
                o.ConnectionString = settings.Postgres;
            });
}
