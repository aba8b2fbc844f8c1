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
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>());
        return builder;
    }
}
