using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace AIMass.Training.Models;

/// <summary>
/// Batch normalisation as TorchSharp's <c>nn.BatchNorm1d</c>/<c>nn.BatchNorm2d</c> (same parameters and buffers, same
/// names, so saved models load either way; eps 1e-5, momentum 0.1), except that counting batches adds a
/// <see cref="Scalar"/> the module holds. TorchSharp 0.107's own forward adds a temporary one on every training step,
/// which its finaliser may free while libtorch still reads it (a native "Unknown scalar type" error, or a crash).
/// </summary>
internal sealed class HeldBatchNorm : BatchNorm
{
    private readonly Scalar _one = 1L.ToScalar();
    private readonly int[] _ranks;

    private HeldBatchNorm(long features, int[] ranks, string name)
        : base(features, 1e-5, 0.1, affine: true, track_running_stats: true, device: null, dtype: null, name)
    {
        _ranks = ranks;
    }

    /// <summary>Over the features of <c>[N, C]</c> or <c>[N, C, L]</c>.</summary>
    public static HeldBatchNorm OneD(long features) => new(features, [2, 3], "BatchNorm1d");

    /// <summary>Over the channels of <c>[N, C, H, W]</c>.</summary>
    public static HeldBatchNorm TwoD(long channels) => new(channels, [4], "BatchNorm2d");

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        var factor = momentum ?? 0.0;
        if (training && num_batches_tracked is { } tracked)
        {
            tracked.add_(_one);
            if (momentum is null) factor = 1.0 / tracked.item<long>();
        }
        return F.batch_norm(input, running_mean, running_var, weight, bias, training || running_mean is null, factor, eps);
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (!_ranks.Contains((int)input.ndim))
        {
            throw new ArgumentException($"expected {string.Join(" or ", _ranks)}D input (got {input.ndim}D input)");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _one.Dispose();
        base.Dispose(disposing);
    }
}
