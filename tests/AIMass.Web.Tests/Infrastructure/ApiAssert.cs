using System.Net;
using System.Text.Json;

namespace AIMass.Web.Tests.Infrastructure;

/// <summary>Assertions on API answers that say what came back when they fail.</summary>
public static class ApiAssert
{
    public static async Task StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        }
    }

    /// <summary>Checks an RFC 7807 answer: its status, content type, and returns the parsed problem.</summary>
    public static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await StatusAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal((int)expected, root.GetProperty("status").GetInt32());
        var errors = root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => new ProblemEntry(
                e.TryGetProperty("row", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : null,
                e.TryGetProperty("column", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                e.GetProperty("message").GetString()!)).ToList()
            : [];
        return new Problem(root.GetProperty("title").GetString()!, root.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "", errors);
    }

    public sealed record Problem(string Title, string Detail, IReadOnlyList<ProblemEntry> Errors);

    public sealed record ProblemEntry(int? Row, string? Column, string Message);
}
