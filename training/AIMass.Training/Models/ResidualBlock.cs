using AIMass.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// The basic ResNet block: two 3x3 convolutions with normalisation, added to a shortcut (a strided 1x1
/// convolution when the shape changes), then the activation.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> norm1;
    private readonly nn.Module<Tensor, Tensor> activation1;
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> norm2;
    private readonly nn.Module<Tensor, Tensor>? shortcut;
    private readonly nn.Module<Tensor, Tensor> activation2;

    public ResidualBlock(long inChannels, long outChannels, long stride, string norm, string activation) : base(nameof(ResidualBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: norm == "none");
        norm1 = LayerFactory.Norm2d(norm, outChannels);
        activation1 = LayerFactory.Activation(activation);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: norm == "none");
        norm2 = LayerFactory.Norm2d(norm, outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: norm == "none"), LayerFactory.Norm2d(norm, outChannels));
        }
        activation2 = LayerFactory.Activation(activation);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var a = conv1.call(input);
        using var b = norm1.call(a);
        using var c = activation1.call(b);
        using var d = conv2.call(c);
        using var e = norm2.call(d);
        using var skip = shortcut is null ? input.alias() : shortcut.call(input);
        using var sum = e.add(skip, HeldScalars.One);
        return activation2.call(sum);
    }
}
