using AIMass.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Runtime;

public sealed class ConvolutionIsaGuardTests
{
    [Fact]
    public void The_cap_reaches_the_native_environment_when_the_library_loads()
    {
        Assert.False(string.IsNullOrEmpty(ConvolutionIsaGuard.Current));
        if (Environment.GetEnvironmentVariable(ConvolutionIsaGuard.Variable) is null)
        {
            Assert.Equal(ConvolutionIsaGuard.DefaultCap, ConvolutionIsaGuard.Current);
        }
    }

    [Fact]
    public void ConvolutionMatchesItsFloat64Reference()
    {
        // Without the cap, libtorch 2.10's float32 convolution on our AMD EPYC machines was off by up to 0.76 here,
        // and by a different amount at 2 threads than at 1.
        _ = ConvolutionIsaGuard.Current;
        var threads = torch.get_num_threads();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var generator = new Generator(7);
            var input = torch.randn(new long[] { 64, 29, 8, 8 }, generator: generator);
            var weight = torch.randn(new long[] { 29, 29, 3, 3 }, generator: generator).mul_(0.1);
            var reference = nn.functional.conv2d(input.to_type(ScalarType.Float64), weight.to_type(ScalarType.Float64), padding: new long[] { 1, 1 });
            foreach (var t in new[] { 1, 2 })
            {
                torch.set_num_threads(t);
                var result = nn.functional.conv2d(input, weight, padding: new long[] { 1, 1 }).to_type(ScalarType.Float64);
                var error = (result - reference).abs().max().item<double>();
                Assert.True(error < 1e-4, $"float32 convolution at {t} thread(s) is off by {error} ({ConvolutionIsaGuard.Variable}={ConvolutionIsaGuard.Current})");
            }
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }
}
