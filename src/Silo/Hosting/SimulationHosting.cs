namespace Pitstop.Silo.Hosting;

/// <summary>
/// The silo a what-if replay runs in: the engine's own providers in their embedded (in-memory)
/// form, clustered with itself alone on the ports given, under a cluster id of its own, so that
/// nothing it does reaches the engine it was started from.
/// </summary>
public static class SimulationHosting
{
    public static ISiloBuilder UsePitstopSimulation(this ISiloBuilder silo, string clusterId, int siloPort, int gatewayPort)
    {
        var settings = new ClusterSettings { ClusterId = clusterId, ServiceId = clusterId, SiloPort = siloPort, GatewayPort = gatewayPort };
        return silo.UsePitstopClustering(settings).AddPitstopProviders(settings);
    }
}
