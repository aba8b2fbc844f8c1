using System.Text.Json;
using AIMass.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AIMass.Web.Errors;

/// <summary>
/// Builds the API's RFC 7807 problem details: a status, a title for the kind of failure, the detail in words
/// and, when known, <c>errors</c>: where (row, column or field) and what.
/// </summary>
public static class Problems
{
    /// <summary>The HTTP status of a service error kind.</summary>
    public static int StatusOf(ServiceErrorKind kind) => kind switch
    {
        ServiceErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ServiceErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ServiceErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ServiceErrorKind.NotFound => StatusCodes.Status404NotFound,
        ServiceErrorKind.Conflict => StatusCodes.Status409Conflict,
        ServiceErrorKind.QuotaExceeded => StatusCodes.Status429TooManyRequests,
        ServiceErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A short title for a status code.</summary>
    public static string TitleOf(int status) => status switch
    {
        400 => "The request is invalid",
        401 => "Authentication is required",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "The request is too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        503 => "The service is unavailable",
        _ => "The service failed",
    };

    /// <summary>The problem for a refusal from the grains.</summary>
    public static ProblemDetails From(ServiceException e) => Create(StatusOf(e.Kind), e.Message, e.Errors);

    /// <summary>A problem with a status, a detail and optional precise errors.</summary>
    public static ProblemDetails Create(int status, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors.Select(e => new ProblemError(e.Row, e.Column, e.Message)).ToArray();
        }
        return problem;
    }

    /// <summary>The problem for a request body that could not be read (bad JSON, missing required fields).</summary>
    public static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        var json = FindInner<JsonException>(e);
        if (json is not null)
        {
            var field = JsonPathToField(json.Path);
            var message = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
            return Create(StatusCodes.Status400BadRequest, $"The JSON body could not be read: {message}",
                [new FieldError(null, field, message)]);
        }
        var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
        return Create(status, e.Message);
    }

    /// <summary><c>$.budget.maxTrials</c> becomes <c>budget.maxTrials</c>; the root becomes <c>body</c>.</summary>
    public static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static T? FindInner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match) return match;
        }
        return null;
    }
}
