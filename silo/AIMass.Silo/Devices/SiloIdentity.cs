namespace AIMass.Silo.Devices;

/// <summary>What this silo is: its name, role and devices (published as silo metadata).</summary>
public sealed record SiloIdentity(string Name, string Role, IReadOnlyList<string> Devices, bool FakeGpu, int CpuSlots, int GpuSlots, int ThreadsPerJob)
{
    /// <summary>Slots of one device.</summary>
    public int SlotsFor(string device) => device.StartsWith("cuda", StringComparison.Ordinal) ? GpuSlots : CpuSlots;

    /// <summary>The device TorchSharp should run a job for <paramref name="device"/> on (a fake GPU runs on the CPU).</summary>
    public string TorchDevice(string device) => FakeGpu && device.StartsWith("cuda", StringComparison.Ordinal) ? "cpu" : device;
}
