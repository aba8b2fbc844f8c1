using System.Text.Json;
using System.Text.Json.Nodes;
using AIMass.Grains.Studies;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AIMass.Web.Apis.Requests;

/// <summary>
/// Body of <c>POST /api/studies</c>: the <see cref="StudySpec"/> fields plus an optional <c>id</c>. A missing
/// <c>name</c> defaults to the id, or to "target on data set"; a missing id is derived from the name.
/// </summary>
public sealed record CreateStudyRequest(string? Id, StudySpec Spec)
{
    public static async ValueTask<CreateStudyRequest?> BindAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the study as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        }
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, options, context.RequestAborted)
                ?? throw new BadHttpRequestException("The body is empty: send the study spec as a JSON object.");
            var id = TakeString(body, "id");
            if (!HasValue(body, "name"))
            {
                var dataset = body.FirstOrDefault(p => p.Key.Equals("datasetId", StringComparison.OrdinalIgnoreCase)).Value;
                var target = body.FirstOrDefault(p => p.Key.Equals("target", StringComparison.OrdinalIgnoreCase)).Value;
                body["name"] = id ?? $"{target} on {dataset}";
            }
            var spec = body.Deserialize<StudySpec>(options) ?? throw new BadHttpRequestException("The body is empty.");
            return new CreateStudyRequest(id, spec);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"The study spec could not be read: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new BadHttpRequestException($"The study spec could not be read: {e.Message}", e);
        }
    }

    private static string? TakeString(JsonObject body, string name)
    {
        var key = body.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (key is null) return null;
        var node = body[key];
        body.Remove(key);
        return node switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            _ => throw new JsonException($"'{name}' must be a string.", "$." + name, null, null),
        };
    }

    private static bool HasValue(JsonObject body, string name) =>
        body.Any(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value is not null);
}
