using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// The base of every neural family: a module from a batch of encoded rows <c>[N, features]</c> to outputs
/// <c>[N, outputs]</c> (class logits, or one standardised value for regression) that also exposes its penultimate
/// embedding <c>[N, EmbeddingSize]</c> for feature distillation. Image families reshape the rows to
/// <c>[N, C, H, W]</c> themselves, so every family takes the same input.
/// </summary>
public abstract class NetworkModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module with its TorchSharp name.</summary>
    protected NetworkModel(string name, int inputFeatures, int outputs) : base(name)
    {
        InputFeatures = inputFeatures;
        Outputs = outputs;
    }

    /// <summary>The family name (<c>mlp</c>, <c>resnet</c>, <c>cnn</c>, <c>vit</c>).</summary>
    public abstract string Family { get; }

    /// <summary>Features per input row.</summary>
    public int InputFeatures { get; }

    /// <summary>Outputs per row.</summary>
    public int Outputs { get; }

    /// <summary>Width of the penultimate embedding.</summary>
    public abstract int EmbeddingSize { get; }

    /// <summary>The penultimate embedding of a batch: <c>[N, InputFeatures]</c> to <c>[N, EmbeddingSize]</c>.</summary>
    public abstract Tensor Embed(Tensor input);

    /// <summary>The output layer applied to an embedding: <c>[N, EmbeddingSize]</c> to <c>[N, Outputs]</c>.</summary>
    public abstract Tensor Head(Tensor embedding);

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Head(Embed(input));

    /// <summary>Trainable parameters (elements).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Gives every dropout layer the job's own random generator (see <see cref="SeededDropout"/>).</summary>
    public void UseGenerator(Generator? generator)
    {
        foreach (var module in modules())
        {
            if (module is SeededDropout dropout) dropout.Generator = generator;
        }
    }
}
