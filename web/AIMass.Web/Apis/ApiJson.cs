using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Web.Apis;

/// <summary>
/// The API's JSON settings: web defaults (camelCase), enums as strings, and non-finite numbers written as
/// <c>"NaN"</c>/<c>"Infinity"</c> so that a diverged metric never breaks a response.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString;
    }

    /// <summary>A fresh options instance configured like the API's (for tests and tools).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
