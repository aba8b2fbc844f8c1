using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Client.Json;

/// <summary>
/// The JSON form of the HTTP API (System.Text.Json web defaults: camelCase, case-insensitive reading; enums as
/// strings): the wire records of <c>AIMass.Grains.Abstractions</c> serialised as they are.
/// </summary>
public static class AIMassJson
{
    /// <summary>Options for reading and writing API bodies.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented: for people (the CLI's <c>--json</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
