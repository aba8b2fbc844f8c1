using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Optimization.Serialization;

/// <summary>Writes and reads <see cref="Distribution"/> as <c>{"type": "float"|"int"|"categorical", ...}</c>.</summary>
internal sealed class DistributionJsonConverter : JsonConverter<Distribution>
{
    public override Distribution Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type))
        {
            throw new JsonException("A distribution must be an object with a 'type' property.");
        }
        try
        {
            switch (type.GetString())
            {
                case "float":
                    double? step = root.TryGetProperty("step", out var s) && s.ValueKind != JsonValueKind.Null ? s.GetDouble() : null;
                    return new FloatDistribution(root.GetProperty("low").GetDouble(), root.GetProperty("high").GetDouble(),
                        root.TryGetProperty("log", out var fl) && fl.GetBoolean(), step);
                case "int":
                    return new IntDistribution(root.GetProperty("low").GetInt32(), root.GetProperty("high").GetInt32(),
                        root.TryGetProperty("log", out var il) && il.GetBoolean(),
                        root.TryGetProperty("step", out var st) ? st.GetInt32() : 1);
                case "categorical":
                    var choices = new List<object?>();
                    foreach (var c in root.GetProperty("choices").EnumerateArray()) choices.Add(AttributeValues.FromElement(c));
                    return new CategoricalDistribution(choices);
                default:
                    throw new JsonException($"Unknown distribution type '{type.GetString()}'.");
            }
        }
        catch (KeyNotFoundException e)
        {
            throw new JsonException($"Distribution JSON is missing a property: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"Distribution JSON is invalid: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Distribution value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case FloatDistribution f:
                writer.WriteString("type", "float");
                writer.WritePropertyName("low");
                AttributeValues.WriteDouble(writer, f.Low);
                writer.WritePropertyName("high");
                AttributeValues.WriteDouble(writer, f.High);
                writer.WriteBoolean("log", f.Log);
                writer.WritePropertyName("step");
                if (f.Step is { } step) AttributeValues.WriteDouble(writer, step);
                else writer.WriteNullValue();
                break;
            case IntDistribution i:
                writer.WriteString("type", "int");
                writer.WriteNumber("low", i.Low);
                writer.WriteNumber("high", i.High);
                writer.WriteBoolean("log", i.Log);
                writer.WriteNumber("step", i.Step);
                break;
            case CategoricalDistribution c:
                writer.WriteString("type", "categorical");
                writer.WritePropertyName("choices");
                writer.WriteStartArray();
                foreach (var choice in c.Choices) AttributeValues.Write(writer, choice);
                writer.WriteEndArray();
                break;
            default:
                throw new JsonException($"Unknown distribution {value.GetType().Name}.");
        }
        writer.WriteEndObject();
    }
}
