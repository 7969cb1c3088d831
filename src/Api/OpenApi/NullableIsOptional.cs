using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pitstop.Api.OpenApi;

/// <summary>
/// Marks no nullable property as required. The API writes JSON without its null members
/// (<c>JsonIgnoreCondition.WhenWritingNull</c>), so a member that may be null may also be absent,
/// while the schema generator lists every constructor parameter as required: a client generated
/// from that would refuse, or mistype, the answers the API really gives. A document transformer
/// rather than a schema one: a nullable reference is wrapped in <c>oneOf: [null, $ref]</c> only once
/// the schemas are in the document's components, after schema transformers ran.
/// </summary>
internal sealed class NullableIsOptional : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
        {
            if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
            {
                foreach (var (name, _) in properties.Where(p => Nullable(p.Value)))
                {
                    required.Remove(name);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Nullable as the generator writes it: <c>null</c> among the types, or among the alternatives of a reference.</summary>
    private static bool Nullable(IOpenApiSchema property) =>
        property.Type?.HasFlag(JsonSchemaType.Null) == true
        || (property.OneOf ?? []).Concat(property.AnyOf ?? []).Any(alternative => alternative.Type == JsonSchemaType.Null);
}
