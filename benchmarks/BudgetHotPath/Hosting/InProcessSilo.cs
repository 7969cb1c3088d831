using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Silo.Hosting;

namespace Pitstop.BudgetHotPath.Hosting;

/// <summary>
/// One silo of the engine in this process, wired exactly as the standalone silo is
/// (<see cref="PitstopHosting.AddPitstopSilo"/>): PostgreSQL mode when given a connection string
/// (schema applied at start), the embedded mode otherwise. The callers then talk to its grains
/// in-process, as the member grains of the same silo would.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host, ClusterSettings settings)
    {
        _host = host;
        Settings = settings;
    }

    public ClusterSettings Settings { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ILedgerJournal Journal => _host.Services.GetRequiredService<ILedgerJournal>();

    public static async Task<InProcessSilo> StartAsync(string? postgres, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        // Added last, so it wins over any ConnectionStrings__Orleans or Orleans__* in the environment:
        // the mode is the benchmark's choice, and its ports and cluster id are its own.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = postgres ?? "",
            ["Orleans:ClusterId"] = $"bench-budget-{Guid.NewGuid():N}"[..24],
            ["Orleans:SiloPort"] = FreePort(),
            ["Orleans:GatewayPort"] = FreePort(),
            // The silo's own levels (Orleans and Polly at Warning), the rest quieter still: the
            // console is the benchmark's, and logs go to stderr so that stdout keeps the table.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        });
        var settings = builder.AddPitstopSilo();
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new InProcessSilo(host, settings);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stopping.Token);
        _host.Dispose();
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
