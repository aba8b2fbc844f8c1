using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace AIMass.Bench.Infrastructure;

/// <summary>The machine a figure came from, printed with every report.</summary>
public static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["os"] = RuntimeInformation.OSDescription,
        ["cpu_count"] = Environment.ProcessorCount,
        ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        ["runtime"] = RuntimeInformation.FrameworkDescription,
    };
}
