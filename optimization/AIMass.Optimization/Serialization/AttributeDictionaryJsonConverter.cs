using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Optimization.Serialization;

/// <summary>Writes and reads attribute dictionaries with <see cref="AttributeValues"/>' exact encoding.</summary>
internal sealed class AttributeDictionaryJsonConverter : JsonConverter<IReadOnlyDictionary<string, object?>>
{
    public override IReadOnlyDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind == JsonValueKind.Null) return new Dictionary<string, object?>();
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("Attributes must be a JSON object.");
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject()) result[p.Name] = AttributeValues.FromElement(p.Value);
        return result;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in value)
        {
            writer.WritePropertyName(k);
            AttributeValues.Write(writer, v);
        }
        writer.WriteEndObject();
    }
}
