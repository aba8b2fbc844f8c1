using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// Leaky ReLU whose slope is a <see cref="Scalar"/> the module holds: TorchSharp 0.107's <c>nn.LeakyReLU</c> turns its
/// slope into a temporary Scalar on every call, which the finaliser may free while libtorch still reads it.
/// </summary>
internal sealed class HeldLeakyRelu : nn.Module<Tensor, Tensor>
{
    private readonly Scalar _slope;

    public HeldLeakyRelu(double slope) : base("LeakyReLU")
    {
        _slope = slope.ToScalar();
    }

    public override Tensor forward(Tensor input) => input.leaky_relu(_slope);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _slope.Dispose();
        base.Dispose(disposing);
    }
}
