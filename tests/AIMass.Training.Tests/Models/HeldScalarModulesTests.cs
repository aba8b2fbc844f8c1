using AIMass.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Models;

/// <summary>
/// The batch-norm and leaky-ReLU modules that hold their scalars must behave exactly like TorchSharp's own: same
/// parameter and buffer names (saved models load either way), same outputs and running statistics in training and
/// evaluation.
/// </summary>
public sealed class HeldScalarModulesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchNormMatchesTorchSharpsInTrainingAndEvaluation(bool twoD)
    {
        using var ours = twoD ? HeldBatchNorm.TwoD(3) : HeldBatchNorm.OneD(3);
        using nn.Module<Tensor, Tensor> theirs = twoD ? nn.BatchNorm2d(3) : nn.BatchNorm1d(3);
        Assert.Equal(theirs.state_dict().Keys.Order(), ours.state_dict().Keys.Order());
        // Non-trivial affine parameters, copied into both.
        using (torch.no_grad())
        {
            var source = theirs.state_dict();
            source["weight"].copy_(torch.tensor(new float[] { 0.5f, 2f, -1f }));
            source["bias"].copy_(torch.tensor(new float[] { 0.1f, -0.3f, 0.7f }));
            ours.load_state_dict(source);
        }
        for (var step = 0; step < 3; step++)
        {
            using var x = (twoD ? torch.randn(4, 3, 5, 5) : torch.randn(8, 3)) * (step + 1) + step;
            Assert.True(theirs.call(x).allclose(ours.call(x), rtol: 1e-6, atol: 1e-6));
        }
        var expected = theirs.state_dict();
        var actual = ours.state_dict();
        foreach (var key in expected.Keys) Assert.True(expected[key].allclose(actual[key], rtol: 1e-6, atol: 1e-6), key);
        Assert.Equal(3L, actual["num_batches_tracked"].item<long>());
        ours.eval();
        theirs.eval();
        using var probe = twoD ? torch.randn(2, 3, 5, 5) : torch.randn(6, 3);
        Assert.True(theirs.call(probe).allclose(ours.call(probe), rtol: 1e-6, atol: 1e-6));
        Assert.Equal(3L, ours.state_dict()["num_batches_tracked"].item<long>());
    }

    [Fact]
    public void BatchNormRejectsInputOfTheWrongRank()
    {
        using var oneD = HeldBatchNorm.OneD(3);
        using var twoD = HeldBatchNorm.TwoD(3);
        using var flat = torch.randn(4, 3);
        using var maps = torch.randn(2, 3, 4, 4);
        Assert.Contains("expected 4D input", Assert.Throws<ArgumentException>(() => twoD.call(flat)).Message);
        Assert.Contains("expected 2 or 3D input", Assert.Throws<ArgumentException>(() => oneD.call(maps)).Message);
    }

    [Fact]
    public void LeakyReluMatchesTorchSharps()
    {
        using var ours = new HeldLeakyRelu(0.01);
        using var theirs = nn.LeakyReLU(0.01);
        using var x = torch.linspace(-3, 3, 61);
        Assert.True(theirs.call(x).allclose(ours.call(x), rtol: 0, atol: 0));
        Assert.Equal(-0.03f, ours.call(x)[0].item<float>(), 6);
    }
}
