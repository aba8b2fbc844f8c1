using AIMass.Training.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Training;

public sealed class FlatOptimizerTests
{
    private static (Sequential Model, Tensor X, Tensor Y) Problem(int seed)
    {
        lock (AIMass.Training.Models.TorchGlobalRandom.Lock)
        {
            torch.manual_seed(seed);
            var model = nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 3));
            return (model, torch.randn(16, 5), torch.randint(0, 3, new long[] { 16 }));
        }
    }

    [Theory]
    [InlineData("adam", 0.01, 0.01)]
    [InlineData("adamw", 0.01, 0.05)]
    [InlineData("sgd", 0.1, 0.01)]
    public void Matches_torchsharps_own_optimizer(string kind, double lr, double weightDecay)
    {
        var (reference, x, y) = Problem(3);
        var (flat, _, _) = Problem(3);
        using var torchOptimizer = kind switch
        {
            "adam" => (optim.Optimizer)optim.Adam(reference.parameters(), lr, weight_decay: weightDecay),
            "adamw" => optim.AdamW(reference.parameters(), lr, weight_decay: weightDecay),
            _ => optim.SGD(reference.parameters(), lr, momentum: 0.9, weight_decay: weightDecay, nesterov: true),
        };
        using var ours = new FlatOptimizer(flat.parameters().ToList(), kind, 0.9, weightDecay) { LearningRate = lr };
        for (var step = 0; step < 5; step++)
        {
            torchOptimizer.zero_grad();
            using (var loss = nn.functional.cross_entropy(reference.call(x), y)) loss.backward();
            torchOptimizer.step();
            ours.ZeroGrad();
            using (var loss = nn.functional.cross_entropy(flat.call(x), y)) loss.backward();
            ours.Step();
        }
        foreach (var (a, b) in reference.parameters().Zip(flat.parameters()))
        {
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-6), $"{kind}: parameters differ");
        }
    }

    [Fact]
    public void Clipping_bounds_the_joint_gradient_norm()
    {
        var (model, x, y) = Problem(4);
        using var ours = new FlatOptimizer(model.parameters().ToList(), "adam", 0, 0);
        using (var loss = nn.functional.cross_entropy(model.call(x), y).mul(1000)) loss.backward();
        ours.ClipGradNorm(0.5);
        var norm = Math.Sqrt(model.parameters().Sum(p => p.grad!.pow(2).sum().item<float>()));
        Assert.Equal(0.5, norm, 3);
    }
}
