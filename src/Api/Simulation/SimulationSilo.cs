using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Simulation;
using Pitstop.Silo.Hosting;

namespace Pitstop.Api.Simulation;

/// <summary>
/// An Orleans silo started in this process for one replay: the engine's own grains and providers in
/// their in-memory form, a cluster of its own on free localhost ports, the program under test as its
/// configuration and a <see cref="ReplayClock"/> as its program time. Nothing it writes leaves it;
/// it is gone when stopped.
/// </summary>
internal sealed class SimulationSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private SimulationSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ProgramCalendar Calendar => _host.Services.GetRequiredService<ProgramCalendar>();

    /// <summary>The replay's journal, read whole when the replay is over.</summary>
    public InMemoryLedgerJournal Journal => (InMemoryLedgerJournal)_host.Services.GetRequiredService<ILedgerJournal>();

    public static async Task<SimulationSilo> StartAsync(string clusterId, ProgramOptions program, ReplayClock clock, CancellationToken cancellation)
    {
        // No defaults: the silo reads none of the process's configuration (its connection string
        // above all) and writes no logs beside the engine's.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        // Registered before the program's own registrations, which only fill in what is missing.
        builder.Services.AddSingleton<IOptions<ProgramOptions>>(Options.Create(program));
        builder.Services.AddSingleton(new ProgramClock(clock));
        builder.Services.AddSingleton(new ProgramCalendar(TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone), new ProgramClock(clock)));
        builder.Services.AddPitstopProgram();
        builder.UseOrleans(silo => silo.UsePitstopSimulation(clusterId, FreePort(), FreePort()));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new SimulationSilo(host);
    }

    /// <summary>
    /// Stops the silo without deactivating its grains one by one (a cancelled token is Orleans'
    /// ungraceful stop): their state goes with the silo, and a month's replay leaves some hundred
    /// thousand activations.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(new CancellationToken(canceled: true));
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
