using AIMass.Web.Apis;
using AIMass.Web.Apis.OpenApi;
using AIMass.Web.Errors;
using AIMass.Web.Hosting;
using Microsoft.AspNetCore.Http.Json;

namespace AIMass.Web.Extensions;

/// <summary>The HTTP API's services: JSON, problem details, exception mapping, OpenAPI.</summary>
public static class ApiExtensions
{
    public static WebApplicationBuilder AddAIMassApi(this WebApplicationBuilder builder, WebHostSettings settings)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && string.IsNullOrEmpty(context.ProblemDetails.Detail))
            {
                var sent = context.HttpContext.Request.ContentType is { Length: > 0 } type ? $"'{type}'" : "none";
                context.ProblemDetails.Detail = $"The request's Content-Type ({sent}) is not accepted here; see the endpoint's media types in /openapi/v1.json.";
            }
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>());
        return builder;
    }
}
