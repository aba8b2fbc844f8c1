using System.Text.Json;
using System.Text.Json.Nodes;

namespace AIMass.Bench.Infrastructure;

/// <summary>Prints a suite's object as a two-column table (human mode) or as one JSON line.</summary>
public static class ReportPrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void PrintJson(TextWriter output, JsonObject report) => output.WriteLine(report.ToJsonString(Indented));

    public static void PrintTable(TextWriter output, JsonObject report)
    {
        var rows = new List<(string Key, string Value)>();
        Flatten(report, "", rows);
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Key.Length);
        foreach (var (key, value) in rows)
        {
            output.WriteLine($"{key.PadRight(width)}  {value}");
        }
    }

    private static void Flatten(JsonNode? node, string prefix, List<(string, string)> rows)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj) Flatten(child, prefix.Length == 0 ? key : $"{prefix}.{key}", rows);
                break;
            case JsonArray array when array.All(x => x is JsonValue):
                rows.Add((prefix, string.Join(", ", array.Select(x => x?.ToJsonString()))));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Flatten(array[i], $"{prefix}[{i}]", rows);
                break;
            default:
                rows.Add((prefix, node?.ToJsonString() ?? "null"));
                break;
        }
    }
}
