using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Runtime;

/// <summary>Proves the native backend loads on this machine (the Debian 12 libstdc++ fix) and trains a step.</summary>
public sealed class TorchLoadTests
{
    [Fact]
    public void Loads_and_one_adam_step_lowers_the_loss()
    {
        torch.manual_seed(7);
        var model = nn.Linear(4, 1);
        var optimizer = optim.Adam(model.parameters(), lr: 0.1);
        using var x = torch.randn(32, 4);
        using var y = x.sum(1, keepdim: true);

        float Loss()
        {
            using var scope = torch.NewDisposeScope();
            return nn.functional.mse_loss(model.forward(x), y).item<float>();
        }

        var before = Loss();
        for (var i = 0; i < 20; i++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
        }

        Assert.True(Loss() < before * 0.5, $"loss did not fall: {before} -> {Loss()}");
    }
}
