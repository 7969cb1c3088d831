using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Ledger;
using Pitstop.Silo.Storage;

namespace Pitstop.Silo.Hosting;

/// <summary>The silo's metrics: the engine's points and delivery counters and Orleans' own meter (grains, messaging, streams).</summary>
public static class TelemetryWiring
{
    /// <summary>Orleans' meter: activations, messaging, stream queues and pulling agents.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The standard OpenTelemetry setting that turns the OTLP push of a standalone silo on.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The counters grains write to; every silo has them, the test cluster's too.</summary>
    public static ISiloBuilder AddPitstopMetrics(this ISiloBuilder silo)
    {
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<PointsMetrics>();
        silo.Services.AddSingleton<DeliveryMetrics>();
        silo.Services.AddHostedService<DeactivationMetrics>();
        return silo;
    }

    /// <summary>
    /// Exports the silo's meters. In the embedded mode the API's Prometheus endpoint (<c>/metrics</c>)
    /// reads them; a standalone silo has no HTTP surface, so it pushes them by OTLP to a collector
    /// when <see cref="OtlpEndpoint"/> is configured, and keeps them to itself otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddPitstopTelemetry(this IHostApplicationBuilder builder)
    {
        var push = !string.IsNullOrEmpty(builder.Configuration[OtlpEndpoint]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(PointsMetrics.MeterName, DeliveryMetrics.MeterName, PostgresText.MeterName, DeactivationMetrics.MeterName, OrleansMeter);
            if (push)
            {
                metrics.AddOtlpExporter();
            }
        });
        return builder.AddPitstopTracing();
    }

    /// <summary>
    /// The spans of an intake batch's trace: the API's request and the batch's publishing, the
    /// router's delivery, and the grain calls under it (Orleans' activity propagation, application
    /// grains only: the runtime's own calls would start traces of their own).
    /// </summary>
    public static readonly string[] TraceSources = ["Microsoft.AspNetCore", IntakeTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName];

    /// <summary>The setting that asks for traces without an OTLP push (a tracer of the host's own).</summary>
    public const string TracesSetting = "Telemetry:Traces";

    /// <summary>
    /// Whether grain calls carry the trace they belong to. Orleans' activity propagation is a filter
    /// on every grain call, about 5 % of the engine's throughput in the ingestion benchmark
    /// (benchmarks/RESULTS.md, 2026-12-07): on only when traces are wanted.
    /// </summary>
    public static bool TracesWanted(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[OtlpEndpoint]) || configuration.GetValue<bool>(TracesSetting);

    /// <summary>
    /// Traces pushed by OTLP when <see cref="OtlpEndpoint"/> is configured. Without an exporter no
    /// tracer listens, so no span is even created: tracing costs nothing unless it is wanted.
    /// </summary>
    public static IHostApplicationBuilder AddPitstopTracing(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpoint]))
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(TraceSources).AddOtlpExporter());
        }

        return builder;
    }
}
