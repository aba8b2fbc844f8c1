using AIMass.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// Multi-layer perceptron: <c>layers</c> blocks of Linear, normalisation, activation, dropout, each <c>width</c>
/// wide, then a linear head. With <c>skip</c>, blocks after the first add their input (residual); with zero
/// layers it is a linear model whose embedding is the input itself.
/// </summary>
public sealed class MlpModel : NetworkModel
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly Linear head;
    private readonly bool _skip;
    private readonly int _embedding;

    /// <summary>Creates the model (weights drawn from libtorch's global generator: seed it first).</summary>
    public MlpModel(int inputFeatures, int outputs, int layers, int width, double dropout, bool skip, string norm, string activation)
        : base(nameof(MlpModel), inputFeatures, outputs)
    {
        _skip = skip;
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>();
        var previous = inputFeatures;
        for (var i = 0; i < layers; i++)
        {
            // Layers that would do nothing (no norm, zero dropout) are left out: each costs a native call a step.
            var parts = new List<nn.Module<Tensor, Tensor>> { nn.Linear(previous, width) };
            if (norm != "none") parts.Add(LayerFactory.Norm1d(norm, width));
            parts.Add(LayerFactory.Activation(activation));
            if (dropout > 0) parts.Add(new SeededDropout(dropout));
            blocks.Add(nn.Sequential(parts.ToArray()));
            previous = width;
        }
        _embedding = previous;
        head = nn.Linear(previous, outputs);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string Family => "mlp";

    /// <inheritdoc />
    public override int EmbeddingSize => _embedding;

    /// <inheritdoc />
    public override Tensor Embed(Tensor input)
    {
        var x = input.alias();
        for (var i = 0; i < blocks.Count; i++)
        {
            var y = blocks[i].call(x);
            if (_skip && i > 0)
            {
                var sum = y.add(x, HeldScalars.One);
                y.Dispose();
                y = sum;
            }
            x.Dispose();
            x = y;
        }
        return x;
    }

    /// <inheritdoc />
    public override Tensor Head(Tensor embedding) => head.call(embedding);
}
