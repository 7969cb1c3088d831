using System.Net;
using Orleans.Configuration;

namespace Pitstop.Silo.Hosting;

internal static class ClusteringWiring
{
    public static ISiloBuilder UsePitstopClustering(this ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.IsEmbedded)
        {
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        return silo
            .ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false)
            .UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant.Name;
                o.ConnectionString = settings.Postgres;
            });
    }

    public static IClientBuilder UsePitstopClustering(this IClientBuilder client, ClusterSettings settings)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        return client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant.Name;
                o.ConnectionString = settings.Postgres;
            })
            // An API node may start before any silo (or outlive them all for a while): keep
            // trying to reach the cluster rather than failing the process.
            .UseConnectionRetryFilter(async (_, cancellation) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return true;
            });
    }
}

/// <summary>The ADO.NET provider name of Npgsql (the Orleans providers default to SQL Server).</summary>
internal static class PostgresInvariant
{
    public const string Name = "Npgsql";
}
