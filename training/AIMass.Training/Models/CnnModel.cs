using AIMass.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// Convolutional network for images: <c>layers</c> blocks of Conv (<c>kernel</c>, same padding; <c>channels</c>
/// doubling per block), normalisation, activation and 2x2 pooling (while the map is at least 2x2), then a dense
/// layer of <c>width</c> units (the embedding) and a linear head.
/// </summary>
public sealed class CnnModel : NetworkModel
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly Linear dense;
    private readonly nn.Module<Tensor, Tensor> denseActivation;
    private readonly SeededDropout denseDropout;
    private readonly Linear head;
    private readonly ImageShape _shape;
    private readonly int _width;

    /// <summary>Creates the model (weights drawn from libtorch's global generator: seed it first).</summary>
    public CnnModel(ImageShape shape, int outputs, int layers, int channels, int kernel, string pooling, int width,
        double dropout, string norm, string activation)
        : base(nameof(CnnModel), shape.Size, outputs)
    {
        _shape = shape;
        _width = width;
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>();
        long inChannels = shape.Channels, h = shape.Height, w = shape.Width;
        var outChannels = (long)channels;
        for (var i = 0; i < layers; i++)
        {
            var parts = new List<nn.Module<Tensor, Tensor>>
            {
                nn.Conv2d(inChannels, outChannels, kernel, padding: kernel / 2),
                LayerFactory.Norm2d(norm, outChannels),
                LayerFactory.Activation(activation),
            };
            if (pooling != "none" && h >= 2 && w >= 2)
            {
                parts.Add(pooling == "max" ? nn.MaxPool2d(2) : nn.AvgPool2d(2));
                h /= 2;
                w /= 2;
            }
            blocks.Add(nn.Sequential(parts.ToArray()));
            inChannels = outChannels;
            outChannels *= 2;
        }
        dense = nn.Linear(inChannels * h * w, width);
        denseActivation = LayerFactory.Activation(activation);
        denseDropout = new SeededDropout(dropout);
        head = nn.Linear(width, outputs);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Family => "cnn";

    /// <inheritdoc />
    public override int EmbeddingSize => _width;

    /// <inheritdoc />
    public override Tensor Embed(Tensor input)
    {
        var x = input.reshape(-1, _shape.Channels, _shape.Height, _shape.Width);
        foreach (var block in blocks)
        {
            var y = block.call(x);
            x.Dispose();
            x = y;
        }
        using var flat = x.flatten(1);
        x.Dispose();
        using var hidden = dense.call(flat);
        using var activated = denseActivation.call(hidden);
        return denseDropout.call(activated);
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor embedding) => head.call(embedding);
}
