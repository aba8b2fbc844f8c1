using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AIMass.Training.Runtime;

/// <summary>
/// Caps the instruction set of libtorch's oneDNN kernels before the first convolution is created. On the AMD EPYC
/// virtual machines we run on, libtorch 2.10's float32 CPU convolution built from oneDNN's AVX2 and AVX-512 kernels
/// returns wrong values (largest error about 0.6 against the same convolution in float64 or as unfold + matmul, and a
/// different wrong answer at 2 threads than at 1): convolutional networks then train erratically and fall to chance
/// accuracy now and then. The SSE4.1 kernels are exact (1e-6). oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> from the native
/// environment once, at its first primitive, so this runs when the training library loads and sets it through libc
/// (.NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code). A value the
/// operator set before the process started is kept (<c>ONEDNN_MAX_CPU_ISA=ALL</c> lifts the cap on hardware where the
/// wider kernels are right; <c>ConvolutionMatchesItsFloat64Reference</c> in the tests checks a machine).
/// </summary>
public static class ConvolutionIsaGuard
{
    /// <summary>The variable oneDNN reads.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap applied when the operator set none.</summary>
    public const string DefaultCap = "SSE41";

    /// <summary>The cap in effect for this process as the native environment holds it (<c>null</c> off Linux and macOS).</summary>
    public static string? Current { get; private set; }

    /// <summary>Sets the cap unless the native environment already has one (idempotent). Runs when this library loads;
    /// programs and test assemblies call it first thing as well, so that nothing can create a convolution before it.</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The cap must reach the native environment before any code of this library can create a convolution.")]
    public static void Apply()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        SetEnv(Variable, DefaultCap, overwrite: 0);
        Current = Marshal.PtrToStringUTF8(GetEnv(Variable));
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
