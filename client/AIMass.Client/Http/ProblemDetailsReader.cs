using System.Net;
using System.Text.Json;
using AIMass.Client.Errors;
using AIMass.Grains;

namespace AIMass.Client.Http;

/// <summary>
/// Turns an unsuccessful HTTP answer back into what the grains would have thrown: RFC 7807 problem details
/// (<c>{title, detail, status, errors:[{row, column, message}]}</c>) become a <see cref="ServiceException"/> of the
/// kind the status says; server failures become an <see cref="AIMassServerException"/>.
/// </summary>
internal static class ProblemDetailsReader
{
    public static async Task<Exception> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var (title, detail, errors) = Parse(body);
        var request = response.RequestMessage is { } r ? $"{r.Method} {r.RequestUri?.AbsolutePath}" : "the request";
        var message = detail ?? title ?? (body.Length is > 0 and < 500 && !body.TrimStart().StartsWith('<') ? body.Trim() : null)
            ?? $"{request} answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        ServiceErrorKind? kind = response.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.UnsupportedMediaType => ServiceErrorKind.Invalid,
            HttpStatusCode.RequestEntityTooLarge => ServiceErrorKind.TooLarge,
            HttpStatusCode.Unauthorized => ServiceErrorKind.Unauthenticated,
            HttpStatusCode.Forbidden => ServiceErrorKind.Forbidden,
            HttpStatusCode.NotFound => ServiceErrorKind.NotFound,
            HttpStatusCode.Conflict => ServiceErrorKind.Conflict,
            HttpStatusCode.TooManyRequests => ServiceErrorKind.QuotaExceeded,
            _ => null,
        };
        if (kind is null)
        {
            return new AIMassServerException($"{request} failed with {(int)response.StatusCode} {response.ReasonPhrase}: {message}", response.StatusCode);
        }
        return new ServiceException(kind.Value, message, errors);
    }

    private static (string? Title, string? Detail, FieldError[] Errors) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null, []);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, []);
            var title = String(root, "title");
            var detail = String(root, "detail");
            var errors = new List<FieldError>();
            if (Property(root, "errors") is { } list)
            {
                if (list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in list.EnumerateArray())
                    {
                        if (e.ValueKind != JsonValueKind.Object) continue;
                        int? row = Property(e, "row") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var v) ? v : null;
                        errors.Add(new FieldError(row, String(e, "column") ?? String(e, "field"), String(e, "message") ?? ""));
                    }
                }
                else if (list.ValueKind == JsonValueKind.Object)
                {
                    // ASP.NET's validation shape: { "field": ["message", ...] }.
                    foreach (var field in list.EnumerateObject())
                    {
                        var messages = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(m => m.ToString())
                            : [field.Value.ToString()];
                        errors.AddRange(messages.Select(m => new FieldError(null, field.Name, m)));
                    }
                }
            }
            return (title, detail, errors.ToArray());
        }
        catch (JsonException)
        {
            return (null, null, []);
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        }
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
