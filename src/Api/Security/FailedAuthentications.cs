using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Security;

/// <summary>
/// Failed authentications per client address, counted by ASP.NET's own limiter (a fixed window of
/// <see cref="FailedAuthenticationOptions.PermitLimit"/> per <see cref="FailedAuthenticationOptions.Window"/>).
/// Only failures take a permit: the rate limiting middleware takes one for every request before its
/// outcome is known, so it would slow the clients that authenticate as much as the guessers.
/// </summary>
public sealed class FailedAuthentications(IOptions<AuthOptions> auth) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = auth.Value.FailedAuthentications.PermitLimit,
            Window = auth.Value.FailedAuthentications.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>How long the address must wait, or null while it is under its limit (asking takes no permit).</summary>
    public TimeSpan? WaitOf(string address)
    {
        using var lease = _limiter.AttemptAcquire(address, 0);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : auth.Value.FailedAuthentications.Window;
    }

    /// <summary>Counts one failure of the address; true when it was the last the window allows.</summary>
    public bool Count(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired && _limiter.GetStatistics(address)?.CurrentAvailablePermits == 0;
    }

    public void Dispose() => _limiter.Dispose();
}
