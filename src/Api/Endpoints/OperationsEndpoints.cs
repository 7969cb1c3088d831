using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Api.Endpoints;

/// <summary>Liveness, readiness and metrics: open to the platform, no credential.</summary>
public static class OperationsEndpoints
{
    public const string ReadyTag = "ready";

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}

/// <summary>Ready when a grain answers: the cluster is reachable and grain storage reads.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key)
                .FindUnknownAsync([]).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure means "not ready"; the reason goes into the report.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", ex);
        }
    }
}
