using System.Globalization;
using AIMass.Grains;
using AIMass.Grains.Tenants;

namespace AIMass.Web.Apis;

/// <summary>
/// Paging of <c>GET /api/studies</c>: the body stays an array of studies; the next page's cursor travels in the
/// <c>X-Next-Cursor</c> header and as a <c>Link: &lt;...&gt;; rel="next"</c> (both absent on the last page).
/// </summary>
public static class StudyListPaging
{
    public const string NextCursorHeader = "X-Next-Cursor";

    /// <summary>The page size asked for (default 50), refused naming <c>limit</c> unless a whole number in 1..200.</summary>
    public static int Limit(string? limit)
    {
        if (string.IsNullOrEmpty(limit)) return StudyListCursor.DefaultLimit;
        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? StudyListCursor.CheckLimit(value)
            : throw ServiceException.Invalid($"A page size is a whole number from 1 to {StudyListCursor.MaxLimit}.",
                [new FieldError(null, "limit", $"must be a whole number between 1 and {StudyListCursor.MaxLimit}")]);
    }

    public static void AnnounceNext(HttpContext http, string? next)
    {
        if (next is null) return;
        http.Response.Headers[NextCursorHeader] = next;
        var query = http.Request.Query.TryGetValue("limit", out var limit) && !string.IsNullOrEmpty(limit)
            ? $"?limit={Uri.EscapeDataString(limit.ToString())}&cursor={next}"
            : $"?cursor={next}";
        http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
    }
}
