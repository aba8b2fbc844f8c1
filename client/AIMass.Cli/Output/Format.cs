using System.Globalization;

namespace AIMass.Cli.Output;

/// <summary>Number and time formats for people (invariant culture).</summary>
public static class Format
{
    public static string Score(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    public static string Seconds(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    public static string Ms(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    public static string Time(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    public static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
