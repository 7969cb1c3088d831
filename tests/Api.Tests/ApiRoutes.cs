using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pitstop.Api.Tests;

/// <summary>The routes the app maps under <c>/api/v1</c>, as <c>METHOD /pattern</c>: what the route tables of the tests must cover.</summary>
internal static class ApiRoutes
{
    public const string Prefix = "/api/v1/";

    public static IReadOnlySet<string> Of(WebApplicationFactory<Program> engine) =>
        engine.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(Prefix, StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
}
