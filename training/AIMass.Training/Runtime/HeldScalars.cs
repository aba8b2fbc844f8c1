using TorchSharp;

namespace AIMass.Training.Runtime;

/// <summary>
/// Scalars that live as long as the process. TorchSharp 0.107 turns numbers into temporary <see cref="Scalar"/>s
/// (the implicit <c>alpha = 1</c> of <c>Tensor.add(Tensor)</c>, say) that the finaliser may free while libtorch is still
/// reading them; passing one of these instead keeps the value valid for the whole native call.
/// </summary>
internal static class HeldScalars
{
    /// <summary>1, for sums (<c>a.add(b, HeldScalars.One)</c>).</summary>
    public static readonly Scalar One = 1.0.ToScalar();
}
