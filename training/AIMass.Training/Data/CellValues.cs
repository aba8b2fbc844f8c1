using System.Globalization;

namespace AIMass.Training.Data;

/// <summary>
/// How cell text is read everywhere in the library: which tokens mean "missing", how numbers, booleans and
/// dates parse (always culture-invariant).
/// </summary>
public static class CellValues
{
    private static readonly HashSet<string> MissingTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "na", "n/a", "null", "none", "?", "#n/a", "missing",
    };

    private static readonly HashSet<string> TrueTokens = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "y", "t" };
    private static readonly HashSet<string> FalseTokens = new(StringComparer.OrdinalIgnoreCase) { "false", "no", "n", "f" };

    private static readonly string[] DateFormats =
    {
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss", "yyyy/M/d", "yyyy-M-d", "dd MMM yyyy", "d MMM yyyy", "MMM d, yyyy",
    };

    /// <summary>Whether the text means "no value": empty, <c>NA</c>, <c>N/A</c>, <c>null</c>, <c>None</c>, <c>?</c>, <c>#N/A</c>, <c>missing</c>.
    /// <c>NaN</c> is not missing: it is an invalid number.</summary>
    public static bool IsMissing(string? text) => text is null || MissingTokens.Contains(text.Trim());

    /// <summary>Parses a culture-invariant number (<c>1.5</c>, <c>-2e3</c>); <c>NaN</c> and <c>Infinity</c> parse too (callers reject them).</summary>
    public static bool TryParseNumber(string? text, out double value)
    {
        if (text is null)
        {
            value = 0;
            return false;
        }
        return double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a finite number whose magnitude is at most <see cref="MaxMagnitude"/>.</summary>
    public static bool TryParseFiniteNumber(string? text, out double value) =>
        TryParseNumber(text, out value) && double.IsFinite(value) && Math.Abs(value) <= MaxMagnitude;

    /// <summary>Values beyond this magnitude are treated as data errors (sentinels, overflow).</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Parses <c>true/false</c>, <c>yes/no</c>, <c>y/n</c>, <c>t/f</c> (case-insensitive).</summary>
    public static bool TryParseBoolean(string? text, out bool value)
    {
        value = false;
        if (text is null) return false;
        var t = text.Trim();
        if (TrueTokens.Contains(t))
        {
            value = true;
            return true;
        }
        return FalseTokens.Contains(t);
    }

    /// <summary>Parses ISO-like dates and date-times (culture-invariant). Plain numbers are never dates.</summary>
    public static bool TryParseDate(string? text, out DateTime value)
    {
        value = default;
        if (text is null) return false;
        var t = text.Trim();
        if (t.Length < 6 || TryParseNumber(t, out _)) return false;
        return DateTime.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture,
                   DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out value)
               || DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }
}
