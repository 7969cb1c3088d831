using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// PostgreSQL mode: ready only while the database takes a write. The check commits one row of its
/// own (<c>pitstop_readiness</c>), so a database that is down, read-only or refuses this node fails it,
/// and the next check after the database returns passes it: nothing to reset. Its answer is kept
/// for <see cref="CacheFor"/>, so that a balancer probing every second costs one statement a few
/// seconds; its time is bounded by the registration's timeout.
/// </summary>
public sealed class StorageHealthCheck(NpgsqlDataSource dataSource, IMemoryCache cache) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private static readonly object CacheKey = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await WriteAsync(cancellationToken);
        });

    private async Task<HealthCheckResult> WriteAsync(CancellationToken cancellation)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO pitstop_readiness (node, checked_at) VALUES (@node, now()) ON CONFLICT (node) DO UPDATE SET checked_at = excluded.checked_at");
            command.Parameters.AddWithValue("node", Environment.MachineName);
            await command.ExecuteNonQueryAsync(cancellation);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("The database does not take writes.", ex);
        }
    }
}
