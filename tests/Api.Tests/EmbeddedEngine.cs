using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// The API with its embedded silo, started once for all HTTP tests (a silo takes seconds to start).
/// Tests keep out of each other's way by using their own dealership, customer and staff ids.
/// </summary>
public sealed class EmbeddedEngine : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Free ports, so the suite runs beside a developer's own embedded engine.
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseEnvironment("Development");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EmbeddedEngine>
{
    public const string Name = "embedded engine";
}
