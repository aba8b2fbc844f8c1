using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// Inverted dropout that draws its mask from a given <see cref="torch.Generator"/> instead of libtorch's global
/// one, so that concurrent training jobs in one process do not disturb each other's random streams (and stay
/// reproducible). Without a generator it falls back to the global one. Identity in eval mode.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _p;

    /// <summary>Creates dropout with drop probability <paramref name="p"/> in [0, 1).</summary>
    public SeededDropout(double p) : base(nameof(SeededDropout))
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout must be in [0, 1).");
        _p = p;
    }

    /// <summary>The generator masks are drawn from (must live on the input's device).</summary>
    public Generator? Generator { get; set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!training || _p == 0) return input.alias();
        using var noise = torch.rand(input.shape, dtype: input.dtype, device: input.device, generator: Generator);
        using var threshold = _p.ToScalar();
        using var keep = noise.ge(threshold);
        using var scale = (1.0 / (1.0 - _p)).ToScalar();
        return input.mul(keep).mul_(scale);
    }
}
