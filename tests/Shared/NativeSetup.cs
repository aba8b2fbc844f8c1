using System.Runtime.CompilerServices;

namespace AIMass.Tests.Shared;

/// <summary>Applies the training library's native settings before any test of the assembly runs (test classes run in
/// parallel, and one that touches TorchSharp first must not create a convolution before the oneDNN cap is set). Linked
/// into every test project that can reach TorchSharp.</summary>
internal static class NativeSetup
{
    [ModuleInitializer]
    internal static void Apply() => AIMass.Training.Runtime.ConvolutionIsaGuard.Apply();
}
