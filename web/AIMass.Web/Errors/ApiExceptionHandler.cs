using AIMass.Grains;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AIMass.Web.Errors;

/// <summary>
/// Turns exceptions of API requests into problem details: <see cref="ServiceException"/> by its kind,
/// unreadable bodies as 400, an unreachable cluster as 503, anything else as 500 without internals.
/// Portal requests are left to the portal's error page.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The middleware has already switched the path to the error page: the original one is in the feature.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && !path.Equals("/api", StringComparison.OrdinalIgnoreCase)) return false;
        var problem = exception switch
        {
            ServiceException e => Problems.From(e),
            BadHttpRequestException e => Problems.FromBadRequest(e),
            Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException =>
                Problems.Create(StatusCodes.Status503ServiceUnavailable, "The cluster did not answer in time; try again shortly."),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(exception, context.Request.Method, path);
            problem = Problems.Create(StatusCodes.Status500InternalServerError,
                $"The service failed while handling the request (trace id {context.TraceIdentifier}).");
        }
        problem.Instance = path;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private partial void LogUnhandled(Exception e, string method, string path);
}
