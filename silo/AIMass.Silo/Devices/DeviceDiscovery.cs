using AIMass.Silo.Configuration;

namespace AIMass.Silo.Devices;

/// <summary>Works out this silo's devices from configuration and, for <c>auto</c>, from what TorchSharp sees.</summary>
public static class DeviceDiscovery
{
    public static SiloIdentity Discover(SiloWorkerOptions options, int siloPort, Func<int>? cudaDeviceCount = null)
    {
        var devices = ParseDevices(options.Devices, cudaDeviceCount ?? CudaDeviceCount);
        if (!options.FakeGpu && devices.Any(d => d.StartsWith("cuda", StringComparison.Ordinal)))
        {
            var available = (cudaDeviceCount ?? CudaDeviceCount)();
            var missing = devices.Where(d => d.StartsWith("cuda", StringComparison.Ordinal) && Index(d) >= available).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"AIMass:Silo:Devices names {string.Join(", ", missing)} but TorchSharp sees {available} CUDA device(s). " +
                    "Install the CUDA backend on this silo, fix the list, or set AIMass:Silo:FakeGpu=true for a development stand-in.");
            }
        }
        var role = devices.Any(d => d.StartsWith("cuda", StringComparison.Ordinal)) ? "gpu" : devices.Count > 0 ? "cpu" : "control";
        var name = string.IsNullOrWhiteSpace(options.Name) ? $"{Environment.MachineName.ToLowerInvariant()}-{siloPort}" : options.Name.Trim();
        if (name.Contains('/') || name.Contains(',')) throw new InvalidOperationException($"Silo name '{name}' may not contain '/' or ','.");
        var cpuSlots = options.CpuSlots > 0 ? options.CpuSlots : Math.Max(1, Environment.ProcessorCount / Math.Max(1, options.ThreadsPerJob));
        return new SiloIdentity(name, role, devices, options.FakeGpu, cpuSlots, Math.Max(1, options.GpuSlots), Math.Max(1, options.ThreadsPerJob));
    }

    private static List<string> ParseDevices(string? spec, Func<int> cudaCount)
    {
        var text = (spec ?? "auto").Trim().ToLowerInvariant();
        if (text is "" or "none") return [];
        if (text == "auto")
        {
            var list = new List<string> { "cpu" };
            for (var i = 0; i < cudaCount(); i++) list.Add($"cuda:{i}");
            return list;
        }
        var devices = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var device = part == "cuda" ? "cuda:0" : part;
            if (device != "cpu" && !(device.StartsWith("cuda:", StringComparison.Ordinal) && Index(device) >= 0))
            {
                throw new InvalidOperationException($"AIMass:Silo:Devices has '{part}': use cpu, cuda:N, auto or none.");
            }
            if (!devices.Contains(device)) devices.Add(device);
        }
        return devices;
    }

    private static int Index(string device) =>
        int.TryParse(device.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;

    private static int CudaDeviceCount()
    {
        try
        {
            return TorchSharp.torch.cuda.is_available() ? TorchSharp.torch.cuda.device_count() : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }
}
