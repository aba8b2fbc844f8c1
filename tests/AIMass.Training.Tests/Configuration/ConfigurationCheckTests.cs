using AIMass.Training.Configuration;
using AIMass.Training.Models;

namespace AIMass.Training.Tests.Configuration;

/// <summary>The check reads a configuration as the trainer would and counts a network's parameters without building it.</summary>
public sealed class ConfigurationCheckTests
{
    [Theory]
    [InlineData("mlp", 3, 64)]
    [InlineData("mlp", 0, 8)]
    [InlineData("mlp", 1, 5)]
    [InlineData("resnet", 2, 32)]
    [InlineData("resnet", 3, 16, "none")]
    [InlineData("resnet", 1, 24, "layer")]
    public void The_estimated_parameter_count_is_the_built_models(string family, int depth, int width, string? norm = null)
    {
        var hp = new Dictionary<string, object?> { ["family"] = family, ["width"] = width, [family == "mlp" ? "layers" : "blocks"] = depth };
        if (norm is not null) hp["norm"] = norm;
        var estimate = ConfigurationCheck.Check(hp, inputFeatures: 13, outputs: 4, image: null, rows: 500);
        using var model = ModelFactory.Create(hp, 13, 4, null, seed: 1);
        Assert.Equal(model.ParameterCount, estimate.Parameters);
        Assert.True(estimate.PeakMemoryBytes > ConfigurationCheck.BaseBytes);
    }

    [Fact]
    public void A_value_out_of_range_names_its_key_and_nothing_is_built()
    {
        var e = Assert.Throws<HyperparameterException>(() => ConfigurationCheck.Check(new Dictionary<string, object?> { ["family"] = "mlp", ["width"] = "100000" }, 4, 3, null, 100));
        Assert.Equal("width", e.Key);
        Assert.Equal("family", Assert.Throws<HyperparameterException>(() => ConfigurationCheck.Check(new Dictionary<string, object?> { ["family"] = "xgboost" }, 4, 3, null, 100)).Key);
    }

    [Fact]
    public void Kernel_ridge_memory_grows_with_the_square_of_the_rows()
    {
        var small = ConfigurationCheck.Check(new Dictionary<string, object?> { ["family"] = "krr" }, 4, 1, null, 1_000);
        var large = ConfigurationCheck.Check(new Dictionary<string, object?> { ["family"] = "krr" }, 4, 1, null, 10_000);
        Assert.Equal(10_000L * 10_000 * 16 - 1_000L * 1_000 * 16, large.PeakMemoryBytes - small.PeakMemoryBytes);
    }
}
