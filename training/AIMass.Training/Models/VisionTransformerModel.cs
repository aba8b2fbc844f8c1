using AIMass.Training.Runtime;
using AIMass.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// A small Vision Transformer: non-overlapping <c>patch_size</c> patches embedded by a strided convolution to
/// <c>dim</c>, a learned class token and position embeddings, <c>depth</c> pre-norm blocks with <c>heads</c>
/// heads, a final layer norm; the class token's vector is the embedding, followed by a linear head.
/// </summary>
public sealed class VisionTransformerModel : NetworkModel
{
    private readonly Conv2d patchEmbedding;
    private readonly Parameter classToken;
    private readonly Parameter positions;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
    private readonly ImageShape _shape;
    private readonly int _dim;

    /// <summary>Creates the model (weights drawn from libtorch's global generator: seed it first).</summary>
    public VisionTransformerModel(ImageShape shape, int outputs, int patchSize, int dim, int heads, int depth, int mlpRatio, double dropout)
        : base(nameof(VisionTransformerModel), shape.Size, outputs)
    {
        if (shape.Height % patchSize != 0 || shape.Width % patchSize != 0)
        {
            throw new ArgumentException($"Patch size {patchSize} must divide the image's height {shape.Height} and width {shape.Width}.", Hyperparameters.PatchSize);
        }
        if (dim % heads != 0) throw new ArgumentException($"Heads ({heads}) must divide dim ({dim}).", Hyperparameters.Heads);
        _shape = shape;
        _dim = dim;
        var patches = (shape.Height / patchSize) * (shape.Width / patchSize);
        patchEmbedding = nn.Conv2d(shape.Channels, dim, patchSize, stride: patchSize);
        using var initScale = 0.02.ToScalar();
        classToken = new Parameter(torch.randn(1, 1, dim).mul_(initScale));
        positions = new Parameter(torch.randn(1, patches + 1, dim).mul_(initScale));
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < depth; i++) blocks.Add(new TransformerBlock(dim, heads, mlpRatio, dropout));
        norm = nn.LayerNorm(dim);
        head = nn.Linear(dim, outputs);
        RegisterComponents();
    }

    /// <summary>The patch size that fits an image by default: the largest of 4, 2, 1 dividing both sides and giving at least 16 patches.</summary>
    public static int DefaultPatchSize(ImageShape shape)
    {
        foreach (var p in new[] { 4, 2 })
        {
            if (shape.Height % p == 0 && shape.Width % p == 0 && (shape.Height / p) * (shape.Width / p) >= 16) return p;
        }
        return 1;
    }

    /// <inheritdoc />
    public override string Family => "vit";

    /// <inheritdoc />
    public override int EmbeddingSize => _dim;

    /// <inheritdoc />
    public override Tensor Embed(Tensor input)
    {
        using var image = input.reshape(-1, _shape.Channels, _shape.Height, _shape.Width);
        using var patches = patchEmbedding.call(image);
        using var tokens = patches.flatten(2).transpose(1, 2);
        using var cls = classToken.expand(tokens.shape[0], -1, -1);
        using var joined = torch.cat(new[] { cls, tokens }, 1);
        var x = joined.add(positions, HeldScalars.One);
        foreach (var block in blocks)
        {
            var y = block.call(x);
            x.Dispose();
            x = y;
        }
        // The embedding averages every token (the class token included): on small data it trains faster than the
        // class token alone and is as good on larger data.
        using var pooled = x.mean(new long[] { 1 });
        x.Dispose();
        return norm.call(pooled);
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor embedding) => head.call(embedding);
}
