using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Pitstop.Api.OpenApi;

/// <summary>
/// Puts each route's examples (<see cref="RouteExamples"/>) on its operation: the request body's,
/// and the success answer's, declaring that answer as JSON where the endpoint returns a bare
/// <c>IResult</c> and so left it without content.
/// </summary>
internal sealed class RouteExampleTransformer : IOpenApiOperationTransformer
{
    private const string Json = "application/json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.HttpMethod is not { } method || description.RelativePath is not { } path
            || !RouteExamples.All.TryGetValue(RouteExamples.KeyOf(method, path), out var example))
        {
            return Task.CompletedTask;
        }

        if (example.Request is { } request && operation.RequestBody?.Content?.TryGetValue(example.RequestMediaType, out var body) == true)
        {
            body.Example = example.RequestMediaType == Json ? JsonNode.Parse(request) : JsonValue.Create(request);
        }

        operation.Responses ??= [];
        var status = example.Status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(status, out var declared))
        {
            declared = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(example.Status) };
            operation.Responses[status] = declared;
        }

        if (declared is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            if (!response.Content.TryGetValue(example.ResponseMediaType, out var answer))
            {
                answer = new OpenApiMediaType();
                response.Content[example.ResponseMediaType] = answer;
            }

            // A live stream's example is one event's data, which its schema describes.
            answer.Example = JsonNode.Parse(example.Response);
        }

        return Task.CompletedTask;
    }
}
