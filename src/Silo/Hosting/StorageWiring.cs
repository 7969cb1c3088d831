using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Pitstop.Grains;

namespace Pitstop.Silo.Hosting;

internal static class StorageWiring
{
    // The streaming runtime keeps its subscription records here (implicit subscriptions need none,
    // but the provider insists on the store existing).
    private const string PubSubStore = "PubSubStore";

    public static ISiloBuilder AddPitstopStorage(this ISiloBuilder silo, ClusterSettings settings)
    {
        if (settings.IsEmbedded)
        {
            return silo.AddMemoryGrainStorage(StorageNames.Grains).AddMemoryGrainStorage(PubSubStore);
        }

        foreach (var name in new[] { StorageNames.Grains, PubSubStore })
        {
            silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = PostgresInvariant.Name;
                o.ConnectionString = settings.Postgres;
            });
            // Orleans' binary format rather than JSON: smaller rows and the same [Id]-based
            // versioning as the messages, so a renamed member never breaks stored state.
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(name)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }

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
