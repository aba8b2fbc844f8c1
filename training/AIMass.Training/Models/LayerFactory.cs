using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>Small builders shared by the families: activations and normalisation layers by name.</summary>
internal static class LayerFactory
{
    public static readonly string[] Activations = { "relu", "gelu", "silu", "tanh", "leaky_relu" };
    public static readonly string[] Norms = { "none", "batch", "layer" };

    public static nn.Module<Tensor, Tensor> Activation(string name) => name switch
    {
        "relu" => nn.ReLU(),
        "gelu" => nn.GELU(),
        "silu" => nn.SiLU(),
        "tanh" => nn.Tanh(),
        "leaky_relu" => new HeldLeakyRelu(0.01),
        _ => throw new ArgumentException($"Unknown activation '{name}'.", Hyperparameters.Activation),
    };

    /// <summary>Normalisation over features of <c>[N, width]</c>.</summary>
    public static nn.Module<Tensor, Tensor> Norm1d(string name, long width) => name switch
    {
        "none" => nn.Identity(),
        "batch" => HeldBatchNorm.OneD(width),
        "layer" => nn.LayerNorm(width),
        _ => throw new ArgumentException($"Unknown norm '{name}'.", Hyperparameters.Norm),
    };

    /// <summary>Normalisation of <c>[N, C, H, W]</c> maps (layer norm = one group over C, H, W).</summary>
    public static nn.Module<Tensor, Tensor> Norm2d(string name, long channels) => name switch
    {
        "none" => nn.Identity(),
        "batch" => HeldBatchNorm.TwoD(channels),
        "layer" => nn.GroupNorm(1, channels),
        _ => throw new ArgumentException($"Unknown norm '{name}'.", Hyperparameters.Norm),
    };
}
