using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AIMass.Web.Apis.OpenApi;

/// <summary>Describes the API-key authentication (Bearer header or <c>X-Api-Key</c>) in the OpenAPI document.</summary>
public sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "AIMass API";
        document.Info.Description = "Multi-tenant AutoML: data sets, studies, trials, leaderboards, models and predictions. " +
            "Authenticate with a tenant's API key (or the admin key) as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A tenant's API key (aim.{tenant}.{keyId}.{secret}) or the admin key.",
        };
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "The same key in a header of its own.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
