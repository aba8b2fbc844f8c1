using AIMass.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// ResNet for tabular data (after Gorishniy et al., 2021): a linear stem to <c>width</c>, then <c>blocks</c>
/// residual blocks <c>x + Dropout(Linear(Dropout(Act(Linear(Norm(x))))))</c> with a hidden width of
/// <c>width * hidden_factor</c>, then Norm, activation and a linear head. The embedding is the input of the head.
/// </summary>
public sealed class TabularResNetModel : NetworkModel
{
    private readonly Linear stem;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly nn.Module<Tensor, Tensor> finalNorm;
    private readonly nn.Module<Tensor, Tensor> finalActivation;
    private readonly Linear head;
    private readonly int _width;

    /// <summary>Creates the model (weights drawn from libtorch's global generator: seed it first).</summary>
    public TabularResNetModel(int inputFeatures, int outputs, int blockCount, int width, int hiddenFactor, double dropout, string norm, string activation)
        : base(nameof(TabularResNetModel), inputFeatures, outputs)
    {
        _width = width;
        stem = nn.Linear(inputFeatures, width);
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < blockCount; i++)
        {
            blocks.Add(nn.Sequential(
                LayerFactory.Norm1d(norm, width),
                nn.Linear(width, width * hiddenFactor),
                LayerFactory.Activation(activation),
                new SeededDropout(dropout),
                nn.Linear(width * hiddenFactor, width),
                new SeededDropout(dropout)));
        }
        finalNorm = LayerFactory.Norm1d(norm, width);
        finalActivation = LayerFactory.Activation(activation);
        head = nn.Linear(width, outputs);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Family => "resnet";

    /// <inheritdoc />
    public override int EmbeddingSize => _width;

    /// <inheritdoc />
    public override Tensor Embed(Tensor input)
    {
        var x = stem.call(input);
        foreach (var block in blocks)
        {
            using var delta = block.call(x);
            var next = x.add(delta, HeldScalars.One);
            x.Dispose();
            x = next;
        }
        using var normed = finalNorm.call(x);
        x.Dispose();
        return finalActivation.call(normed);
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor embedding) => head.call(embedding);
}
