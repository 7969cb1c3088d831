using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Pitstop.Grains.Configuration;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// The two ways a process joins the engine: as a silo (the standalone silo, and the API in the
/// embedded mode) or as a client (the API in the PostgreSQL mode).
/// </summary>
public static class PitstopHosting
{
    public static ClusterSettings AddPitstopSilo(this IHostApplicationBuilder builder)
    {
        var settings = ClusterSettings.From(builder.Configuration);
        builder.AddPitstopProgram();
        if (!settings.IsEmbedded)
        {
            // Registered before Orleans so that it runs first: the providers read their queries
            // from the schema as they start.
            builder.Services.AddHostedService(_ => new SchemaMigration(settings.Postgres));
        }

        // Every silo feeds the Orleans Dashboard the API serves (its grain profiler runs only while
        // someone has the dashboard open, and a minute after).
        var traced = TelemetryWiring.TracesWanted(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UsePitstopClustering(settings).AddPitstopProviders(settings).AddDashboard();
            if (traced)
            {
                silo.AddActivityPropagation();
            }
        });
        builder.AddPitstopTelemetry();

        return settings;
    }

    public static ClusterSettings AddPitstopClient(this IHostApplicationBuilder builder)
    {
        var settings = ClusterSettings.From(builder.Configuration);
        builder.AddPitstopProgram();
        var traced = TelemetryWiring.TracesWanted(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UsePitstopClustering(settings).AddPitstopEventQueueWriter(settings).AddDashboard();
            if (traced)
            {
                client.AddActivityPropagation();
            }
        });
        builder.AddPitstopTracing();
        return settings;
    }

    /// <summary>
    /// Everything a silo needs but its clustering: storage, reminders, event streams, webhooks, the
    /// points counters. The test cluster, which brings its own clustering, calls this directly.
    /// </summary>
    public static ISiloBuilder AddPitstopProviders(this ISiloBuilder silo, ClusterSettings settings) => silo
        .AddPitstopStorage(settings)
        .AddPitstopReminders(settings)
        .AddPitstopEventStreams(settings)
        .AddPitstopWebhooks()
        .AddPitstopMetrics()
        .AddIncomingGrainCallFilter<StorageFailureFilter>();

    private static void AddPitstopProgram(this IHostApplicationBuilder builder) => builder.Services.AddPitstopProgram();

    /// <summary>The program's numbers (validated at start) and the clock and calendar the rules read.</summary>
    public static IServiceCollection AddPitstopProgram(this IServiceCollection services)
    {
        services.AddOptions<ProgramOptions>()
            .BindConfiguration(ProgramOptions.Section)
            .ValidateOnStart();
        // Data annotations of every section, nested ones and dictionary entries included.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProgramOptions>, ProgramOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ProgramOptions>>().Value.ClockOffset is var offset && offset != TimeSpan.Zero
            ? new ProgramClock(TimeProvider.System, offset)
            : ProgramClock.System);
        services.TryAddSingleton(sp => new ProgramCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<ProgramOptions>>().Value.TimeZone), sp.GetRequiredService<ProgramClock>()));
        return services;
    }
}
