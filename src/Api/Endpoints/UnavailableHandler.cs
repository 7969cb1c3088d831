using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// A request that fails because the cluster or its database is unreachable gets a 503 with
/// Retry-After, not a 500: nothing was acknowledged, and the client should send it again.
/// </summary>
public sealed partial class UnavailableHandler(IProblemDetailsService problems, ILogger<UnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or NpgsqlException or TimeoutException or SiloUnavailableException or StorageUnavailableException))
        {
            return false;
        }

        LogUnavailable(exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The engine is temporarily unavailable",
                Detail = "Nothing in this request was acknowledged; send it again.",
                Type = "/problems/unavailable",
            },
        });
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Request failed: the cluster or its storage is unavailable")]
    private partial void LogUnavailable(Exception exception);
}
