using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Training.Artifacts;

/// <summary>JSON settings for artifact metadata: enums as names, NaN allowed, and plain values (long, double, string, bool) for <c>object</c>.</summary>
internal static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new PlainObjectConverter() },
    };

    private sealed class PlainObjectConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number when reader.TryGetInt64(out var l) => l,
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => JsonDocument.ParseValue(ref reader).RootElement.Clone(),
        };

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case double d:
                    // Keep a double a double (1.0 must not come back as the integer 1).
                    if (double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15) writer.WriteRawValue(d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
                    else JsonSerializer.Serialize(writer, d, options);
                    break;
                default:
                    JsonSerializer.Serialize(writer, value, value.GetType(), options);
                    break;
            }
        }
    }
}
