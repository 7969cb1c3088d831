using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Pitstop.Grains;
using Pitstop.Silo.Storage;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// The silo a what-if replay runs in: the engine's own providers in their embedded (in-memory)
/// form, clustered with itself alone on the ports given, under a cluster id of its own, so that
/// nothing it does reaches the engine it was started from. Its grain states are kept by
/// <see cref="SimulationGrainStorage"/> rather than the embedded mode's memory storage.
/// </summary>
public static class SimulationHosting
{
    public static ISiloBuilder UsePitstopSimulation(this ISiloBuilder silo, string clusterId, int siloPort, int gatewayPort)
    {
        var settings = new ClusterSettings { ClusterId = clusterId, ServiceId = clusterId, SiloPort = siloPort, GatewayPort = gatewayPort };
        silo.UsePitstopClustering(settings).AddPitstopProviders(settings);
        // Registered after the embedded mode's storage under the same names: the last registration is the one resolved.
        silo.Services.AddSingleton<SimulationGrainStorage>();
        foreach (var name in new[] { StorageNames.Grains, StorageNames.Reference })
        {
            silo.Services.AddGrainStorage(name, (services, _) => services.GetRequiredService<SimulationGrainStorage>());
        }

        return silo;
    }
}
