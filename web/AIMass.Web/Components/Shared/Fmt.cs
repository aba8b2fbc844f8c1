using System.Globalization;

namespace AIMass.Web.Components.Shared;

/// <summary>How the portal writes numbers, sizes, durations and times.</summary>
public static class Fmt
{
    public static string Score(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Count(long? value) => value switch
    {
        null => "–",
        >= 1_000_000 => (value.Value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value.Value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.Value.ToString("N0", CultureInfo.InvariantCulture),
    };

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "–",
        >= 1L << 30 => (bytes.Value / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes.Value / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes.Value / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Seconds(double? seconds) => seconds switch
    {
        null => "–",
        < 1 => (seconds.Value * 1000).ToString("0", CultureInfo.InvariantCulture) + " ms",
        < 90 => seconds.Value.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        < 5400 => (seconds.Value / 60).ToString("0.#", CultureInfo.InvariantCulture) + " min",
        _ => (seconds.Value / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h",
    };

    public static string Ms(double? ms) => ms is { } v && double.IsFinite(v) ? v.ToString(v < 1 ? "0.###" : "0.##", CultureInfo.InvariantCulture) + " ms" : "–";

    public static string When(DateTimeOffset? time) => time is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "–";

    /// <summary>Parameters as <c>name=value</c> pairs, family first.</summary>
    public static string Params(IReadOnlyDictionary<string, string> parameters) => string.Join(", ",
        parameters.OrderBy(p => p.Key == "family" ? 0 : 1).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Short(p.Value)}"));

    /// <summary>A parameter value for display: long numbers cut to four significant digits.</summary>
    public static string Value(string value) => Short(value);

    private static string Short(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Length > 7
            ? d.ToString("G4", CultureInfo.InvariantCulture)
            : value;
}
