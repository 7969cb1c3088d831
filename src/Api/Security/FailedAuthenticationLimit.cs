using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Security;

/// <summary>
/// Credential guessing is throttled per client address: once an address has failed authentication
/// more often than its window allows, every credential it presents is refused with 429 without
/// being checked, so that a correct guess cannot be told from a wrong one until the window ends.
/// Requests that present no credential, and addresses under the limit, pass untouched.
/// </summary>
public sealed partial class FailedAuthenticationLimit(
    RequestDelegate next, FailedAuthentications failures, AuthenticationMetrics metrics, IOptions<AuthOptions> auth, ILogger<FailedAuthenticationLimit> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(ApiKeyHandler.Header) && !context.Request.Headers.ContainsKey("Authorization"))
        {
            await next(context);
            return;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (failures.WaitOf(address) is { } wait)
        {
            metrics.Refused();
            await RefuseAsync(context, wait);
            return;
        }

        // The handlers keep their result for the request, so UseAuthentication after this reuses it.
        if ((await context.AuthenticateAsync()).Failure is not null)
        {
            metrics.Failed();
            if (failures.Count(address))
            {
                var limit = auth.Value.FailedAuthentications;
                LogAddressThrottled(address, limit.PermitLimit, limit.Window);
            }
        }

        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
                $"Too many credentials from this address were refused; try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed authentications", type: "/problems/too-many-failed-authentications")
            .ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Address {Address} failed authentication {Limit} times within {Window}: its credentials are refused until the window ends")]
    private partial void LogAddressThrottled(string address, int limit, TimeSpan window);
}

public static class FailedAuthenticationLimitWiring
{
    /// <summary>Before UseAuthentication: an address over its limit has no credential checked.</summary>
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app) => app.UseMiddleware<FailedAuthenticationLimit>();
}
