using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Security;

/// <summary>
/// Per-credential rate limits with ASP.NET's rate limiter: a token bucket per credential name (per
/// client address for calls without one), refused with 429, <c>Retry-After</c> and problem details.
/// </summary>
public static class RateLimits
{
    public const string PerCredential = "per-credential";

    public static WebApplicationBuilder AddPitstopRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PerCredential, context =>
            {
                var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
                var name = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name ?? "" : "";
                var key = auth.ApiKeys.Find(k => k.Name == name);
                var permits = key?.PermitsPerSecond ?? auth.RateLimit.PermitsPerSecond;
                var partition = name.Length > 0 ? $"credential:{name}" : $"address:{context.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits * auth.RateLimit.BurstSeconds,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellation) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                        $"This credential sends more requests than it may; try again in {seconds} s.",
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: "/problems/rate-limited")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }
}
