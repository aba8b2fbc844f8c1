using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace AIMass.Optimization.Serialization;

/// <summary>
/// The values that attributes, fixed parameters and categorical choices may hold, normalised so that they
/// round-trip exactly through JSON: <c>null</c>, <see cref="bool"/>, <see cref="string"/>, <see cref="int"/>
/// (integers that fit), <see cref="long"/>, <see cref="double"/> (any float type), lists of these
/// (<see cref="IReadOnlyList{T}"/> of object) and string-keyed dictionaries of these.
/// </summary>
internal static class AttributeValues
{
    private const string NonFiniteTag = "$double";

    /// <summary>Returns the normalised form of <paramref name="value"/>, or throws naming <paramref name="what"/>.</summary>
    public static object? Normalize(object? value, string what) => value switch
    {
        null => null,
        string or bool or int or double => value,
        long l => l is >= int.MinValue and <= int.MaxValue ? (int)l : l,
        short or sbyte or byte or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        uint u => u <= int.MaxValue ? (int)u : (long)u,
        ulong ul => ul <= long.MaxValue ? Normalize((long)ul, what)
            : throw new ArgumentException($"{what}: the integer {ul} does not fit in a long.", nameof(value)),
        float f => (double)f,
        decimal m => (double)m,
        JsonElement e => FromElement(e),
        IDictionary dict => NormalizeDictionary(dict, what),
        IEnumerable list => NormalizeList(list, what),
        _ => throw new ArgumentException(
            $"{what}: values of type {value.GetType().Name} are not supported; use null, bool, string, integers, " +
            "floating-point numbers, lists or string-keyed dictionaries of these.", nameof(value)),
    };

    /// <summary>Whether two normalised scalars are equal (numbers compare by value, so 3 equals 3.0).</summary>
    public static bool ScalarEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (IsNumber(a) && IsNumber(b))
        {
            var x = Convert.ToDouble(a, CultureInfo.InvariantCulture);
            var y = Convert.ToDouble(b, CultureInfo.InvariantCulture);
            return x.Equals(y);
        }
        return a.Equals(b);
    }

    /// <summary>Whether two normalised values are deeply equal (same types, same contents).</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is IReadOnlyList<object?> la && b is IReadOnlyList<object?> lb)
        {
            if (la.Count != lb.Count) return false;
            for (var i = 0; i < la.Count; i++)
            {
                if (!DeepEquals(la[i], lb[i])) return false;
            }
            return true;
        }
        if (a is IReadOnlyDictionary<string, object?> da && b is IReadOnlyDictionary<string, object?> db)
        {
            if (da.Count != db.Count) return false;
            foreach (var (k, v) in da)
            {
                if (!db.TryGetValue(k, out var w) || !DeepEquals(v, w)) return false;
            }
            return true;
        }
        return a.GetType() == b.GetType() && a.Equals(b);
    }

    public static bool IsNumber(object? v) => v is int or long or double;

    /// <summary>Writes a normalised value.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: WriteDouble(writer, d); break;
            case IReadOnlyDictionary<string, object?> dict:
                writer.WriteStartObject();
                foreach (var (k, v) in dict)
                {
                    writer.WritePropertyName(k);
                    Write(writer, v);
                }
                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var v in list) Write(writer, v);
                writer.WriteEndArray();
                break;
            default:
                Write(writer, Normalize(value, "attribute"));
                break;
        }
    }

    /// <summary>Writes a double so that it reads back as a double (never as an integer), NaN and infinities included.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (!double.IsFinite(d))
        {
            writer.WriteStartObject();
            writer.WriteString(NonFiniteTag, d.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            return;
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOfAny(['.', 'E', 'e']) < 0) text += ".0";
        writer.WriteRawValue(text, skipInputValidation: true);
    }

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    public static object? FromElement(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.IndexOfAny(['.', 'E', 'e']) >= 0) return e.GetDouble();
                if (e.TryGetInt32(out var i)) return i;
                if (e.TryGetInt64(out var l)) return l;
                return e.GetDouble();
            case JsonValueKind.Array:
                var list = new object?[e.GetArrayLength()];
                var n = 0;
                foreach (var item in e.EnumerateArray()) list[n++] = FromElement(item);
                return Array.AsReadOnly(list);
            case JsonValueKind.Object:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject()) dict[p.Name] = FromElement(p.Value);
                if (dict.Count == 1 && dict.TryGetValue(NonFiniteTag, out var tagged) && tagged is string s)
                {
                    return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                return dict.AsReadOnly();
            default:
                throw new JsonException($"Unsupported JSON value kind {e.ValueKind}.");
        }
    }

    private static object NormalizeDictionary(IDictionary dict, string what)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dict)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException($"{what}: dictionary keys must be strings (got {entry.Key.GetType().Name}).");
            }
            result[key] = Normalize(entry.Value, what);
        }
        return result.AsReadOnly();
    }

    private static object NormalizeList(IEnumerable list, string what)
    {
        var result = new List<object?>();
        foreach (var item in list) result.Add(Normalize(item, what));
        return result.AsReadOnly();
    }
}
