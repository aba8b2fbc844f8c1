using AIMass.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// A small ResNet for images: a 3x3 stem of <c>channels</c>, then <c>stages</c> stages of <c>blocks</c> residual
/// blocks (each stage after the first halves the resolution and doubles the channels), global average pooling
/// (the embedding), dropout and a linear head.
/// </summary>
public sealed class ImageResNetModel : NetworkModel
{
    private readonly nn.Module<Tensor, Tensor> stem;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> body;
    private readonly SeededDropout dropoutLayer;
    private readonly Linear head;
    private readonly ImageShape _shape;
    private readonly int _embedding;

    /// <summary>Creates the model (weights drawn from libtorch's global generator: seed it first).</summary>
    public ImageResNetModel(ImageShape shape, int outputs, int stages, int blocksPerStage, int channels, double dropout, string norm, string activation)
        : base(nameof(ImageResNetModel), shape.Size, outputs)
    {
        _shape = shape;
        stem = nn.Sequential(
            nn.Conv2d(shape.Channels, channels, 3, padding: 1, bias: norm == "none"),
            LayerFactory.Norm2d(norm, channels),
            LayerFactory.Activation(activation));
        body = new ModuleList<nn.Module<Tensor, Tensor>>();
        long inChannels = channels;
        for (var s = 0; s < stages; s++)
        {
            var outChannels = (long)channels << s;
            for (var b = 0; b < blocksPerStage; b++)
            {
                body.Add(new ResidualBlock(inChannels, outChannels, s > 0 && b == 0 ? 2 : 1, norm, activation));
                inChannels = outChannels;
            }
        }
        _embedding = (int)inChannels;
        dropoutLayer = new SeededDropout(dropout);
        head = nn.Linear(inChannels, outputs);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Family => "resnet";

    /// <inheritdoc />
    public override int EmbeddingSize => _embedding;

    /// <inheritdoc />
    public override Tensor Embed(Tensor input)
    {
        using var image = input.reshape(-1, _shape.Channels, _shape.Height, _shape.Width);
        var x = stem.call(image);
        foreach (var block in body)
        {
            var y = block.call(x);
            x.Dispose();
            x = y;
        }
        using var pooled = x.mean(new long[] { 2, 3 });
        x.Dispose();
        return dropoutLayer.call(pooled);
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor embedding) => head.call(embedding);
}
