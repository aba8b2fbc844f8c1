using System.Text;

namespace AIMass.Web.Services;

/// <summary>Turns a name or file name into a resource id: letters, digits, '-', '_' and '.', at most 64 characters.</summary>
public static class Slug
{
    public static string From(string? text, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? "").Trim())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.') builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length == 64) break;
        }
        var slug = builder.ToString().Trim('-', '.', '_');
        return slug.Length == 0 ? fallback : slug;
    }
}
