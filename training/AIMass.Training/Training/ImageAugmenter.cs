using AIMass.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// Random shifts for image batches: each image moves by up to <c>shift</c> pixels in each direction (a random
/// crop of the edge-replicated image), drawn from the job's own <see cref="Random"/> so runs are reproducible.
/// </summary>
internal static class ImageAugmenter
{
    /// <summary>Returns a shifted copy of a batch <c>[N, C*H*W]</c>.</summary>
    public static Tensor Shift(Tensor batch, ImageShape shape, int shift, Random rng)
    {
        var n = (int)batch.shape[0];
        if (shift <= 0 || n == 0) return batch.alias();
        var side = 2 * shift + 1;
        var groups = new List<long>[side * side];
        for (var i = 0; i < n; i++)
        {
            var g = rng.Next(side * side);
            (groups[g] ??= new List<long>()).Add(i);
        }
        using var images = batch.reshape(n, shape.Channels, shape.Height, shape.Width);
        using var padded = nn.functional.pad(images, new long[] { shift, shift, shift, shift }, PaddingModes.Replicate);
        using var result = images.clone();
        for (var g = 0; g < groups.Length; g++)
        {
            var members = groups[g];
            var dy = g / side - shift;
            var dx = g % side - shift;
            if (members is null || (dy == 0 && dx == 0)) continue;
            using var index = torch.tensor(members.ToArray(), device: batch.device);
            using var chosen = padded.index_select(0, index);
            using var crop = chosen.narrow(2, shift + dy, shape.Height).narrow(3, shift + dx, shape.Width);
            result.index_copy_(0, index, crop);
        }
        return result.reshape(n, shape.Size);
    }
}
