using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Runtime;

/// <summary>
/// Resolves a device name at run time: <c>cpu</c>, <c>cuda</c> (device 0), <c>cuda:N</c>, or <c>auto</c> (CUDA
/// device 0 when TorchSharp's CUDA backend is installed and sees a GPU, else the CPU). The same build runs on both.
/// </summary>
public static class DeviceSelector
{
    /// <summary>Whether a CUDA device can be used in this process.</summary>
    public static bool CudaAvailable
    {
        get
        {
            try
            {
                return torch.cuda.is_available();
            }
            catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The device for <paramref name="name"/>. Throws <see cref="ArgumentException"/> for an unknown name, for
    /// <c>cuda</c> when no CUDA device is available, and for a CUDA index beyond the device count.
    /// </summary>
    public static Device Resolve(string? name)
    {
        var text = (name ?? "auto").Trim().ToLowerInvariant();
        if (text is "auto") return CudaAvailable ? torch.CUDA : torch.CPU;
        if (text is "cpu") return torch.CPU;
        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (text.Length > 5 && !int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
            {
                throw new ArgumentException($"Device '{name}' is not cpu, cuda, cuda:N or auto.", nameof(name));
            }
            if (!CudaAvailable) throw new ArgumentException($"Device '{name}' was asked for, but no CUDA device is available (torch.cuda.is_available() is false).", nameof(name));
            var count = torch.cuda.device_count();
            if (index >= count) throw new ArgumentException($"Device '{name}' does not exist: {count} CUDA device(s).", nameof(name));
            return torch.device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"Device '{name}' is not cpu, cuda, cuda:N or auto.", nameof(name));
    }
}
