using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pitstop.Api.Security;

/// <summary>Declares the two credentials of api.md in the OpenAPI document, so that clients and /docs know them.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHandler.Header,
            Description = "A machine client's key (Auth:ApiKeys). Roles: ingest, admin, regional-lead, service-head, workshop-manager, cx, viewer (a viewer key is named customer:<id> or staff:<id>).",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A person's token (HS256 with Auth:Jwt:SigningKey, or RS256 checked with Auth:Jwt:PublicKeyPem) with claims sub, role, dealership, state. " +
                "A viewer's sub names the member with its kind, customer:<id> or staff:<id>; a viewer token without the kind is refused (401).",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
