using AIMass.Training.Data;
using AIMass.Training.Models;
using AIMass.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Models;

public sealed class ModelFactoryTests
{
    private static readonly ImageShape Digits = new(1, 8, 8);

    private static void CheckShapes(NetworkModel model, int features, int outputs)
    {
        model.eval();
        using var _ = torch.no_grad();
        using var x = torch.randn(5, features);
        using var y = model.call(x);
        using var e = model.Embed(x);
        Assert.Equal(new long[] { 5, outputs }, y.shape);
        Assert.Equal(new long[] { 5, model.EmbeddingSize }, e.shape);
        using var head = model.Head(e);
        Assert.True(head.allclose(y));
        Assert.Equal(model.parameters().Sum(p => p.numel()), model.ParameterCount);
    }

    [Fact]
    public void Mlp_shapes_and_exact_parameter_count()
    {
        using var model = ModelFactory.Create(Samples.Hp(("layers", 2), ("width", 128)), 64, 10, null, seed: 1);
        CheckShapes(model, 64, 10);
        Assert.Equal("mlp", model.Family);
        Assert.Equal(64 * 128 + 128 + 128 * 128 + 128 + 128 * 10 + 10, model.ParameterCount);
        using var linear = ModelFactory.Create(Samples.Hp(("layers", 0)), 4, 3, null, seed: 1);
        Assert.Equal(4 * 3 + 3, linear.ParameterCount);
        Assert.Equal(4, linear.EmbeddingSize);
        using var normed = ModelFactory.Create(Samples.Hp(("layers", 3), ("width", 16), ("skip", true), ("norm", "layer"), ("activation", "gelu")), 4, 3, null, seed: 1);
        CheckShapes(normed, 4, 3);
        Assert.Equal(4 * 16 + 16 + 2 * (16 * 16 + 16) + 3 * 32 + 16 * 3 + 3, normed.ParameterCount);
    }

    [Fact]
    public void Tabular_resnet_shapes_and_parameter_count()
    {
        using var model = ModelFactory.Create(Samples.Hp(("family", "resnet"), ("blocks", 2), ("width", 32), ("hidden_factor", 2)), 10, 1, null, seed: 1);
        CheckShapes(model, 10, 1);
        var block = 2 * 32 + (32 * 64 + 64) + (64 * 32 + 32);
        Assert.Equal(10 * 32 + 32 + 2 * block + 2 * 32 + 32 + 1, model.ParameterCount);
        Assert.IsType<TabularResNetModel>(model);
    }

    [Fact]
    public void Cnn_shapes_and_parameter_count()
    {
        using var model = ModelFactory.Create(Samples.Hp(("family", "cnn"), ("layers", 2), ("channels", 8), ("width", 32)), 64, 10, Digits, seed: 1);
        CheckShapes(model, 64, 10);
        var conv = (1 * 8 * 9 + 8) + 2 * 8 + (8 * 16 * 9 + 16) + 2 * 16;
        Assert.Equal(conv + (16 * 2 * 2 * 32 + 32) + 32 * 10 + 10, model.ParameterCount);
    }

    [Fact]
    public void Image_resnet_shapes()
    {
        using var model = ModelFactory.Create(Samples.Hp(("family", "resnet"), ("stages", 2), ("blocks", 1), ("channels", 8)), 64, 10, Digits, seed: 1);
        CheckShapes(model, 64, 10);
        Assert.IsType<ImageResNetModel>(model);
        Assert.Equal(16, model.EmbeddingSize);
        var stem = 9 * 8 + 2 * 8;
        var block1 = 2 * (8 * 8 * 9 + 2 * 8);
        var block2 = (8 * 16 * 9 + 2 * 16) + (16 * 16 * 9 + 2 * 16) + (8 * 16 + 2 * 16);
        Assert.Equal(stem + block1 + block2 + 16 * 10 + 10, model.ParameterCount);
    }

    [Fact]
    public void Vision_transformer_shapes_and_parameter_count()
    {
        using var model = ModelFactory.Create(Samples.Hp(("family", "vit"), ("dim", 16), ("heads", 2), ("depth", 1), ("mlp_ratio", 2)), 64, 10, Digits, seed: 1);
        CheckShapes(model, 64, 10);
        // Default patch 2 on 8x8: 16 patches + the class token.
        var patch = 1 * 16 * 2 * 2 + 16;
        var tokens = 16 + 17 * 16;
        var block = 2 * 16 + (16 * 48 + 48) + (16 * 16 + 16) + 2 * 16 + (16 * 32 + 32) + (32 * 16 + 16);
        Assert.Equal(patch + tokens + block + 2 * 16 + 16 * 10 + 10, model.ParameterCount);
    }

    [Fact]
    public void Equal_seeds_give_equal_weights()
    {
        using var a = ModelFactory.Create(null, 8, 3, null, seed: 42);
        using var b = ModelFactory.Create(null, 8, 3, null, seed: 42);
        using var c = ModelFactory.Create(null, 8, 3, null, seed: 43);
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        Assert.All(pa.Zip(pb), p => Assert.True(p.First.Equals(p.Second)));
        Assert.False(pa[0].Equals(c.parameters().First()));
    }

    [Theory]
    [InlineData("widht", "'widht'")]
    [InlineData("family", "one of mlp, resnet, cnn, vit")]
    [InlineData("dropout", "'dropout'")]
    [InlineData("layers", "'layers'")]
    [InlineData("norm", "'norm'")]
    public void Bad_hyperparameters_are_named(string key, string expected)
    {
        object value = key switch { "family" => "transformer", "dropout" => 1.5, "layers" => 2.5, "norm" => "group", _ => 3 };
        var e = Assert.ThrowsAny<ArgumentException>(() => ModelFactory.Create(Samples.Hp((key, value)), 4, 3, null, 0));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Image_families_refuse_tabular_data_and_bad_shapes()
    {
        Assert.Contains("needs image data", Assert.ThrowsAny<ArgumentException>(() => ModelFactory.Create(Samples.Hp(("family", "cnn")), 4, 3, null, 0)).Message);
        Assert.Contains("patch_size", Assert.ThrowsAny<ArgumentException>(() => ModelFactory.Create(Samples.Hp(("family", "vit"), ("patch_size", 3)), 64, 10, Digits, 0)).Message);
        Assert.Contains("heads", Assert.ThrowsAny<ArgumentException>(() => ModelFactory.Create(Samples.Hp(("family", "vit"), ("dim", 10), ("heads", 4)), 64, 10, Digits, 0)).Message);
        Assert.ThrowsAny<ArgumentException>(() => ModelFactory.Create(Samples.Hp(("family", "cnn")), 63, 10, Digits, 0));
    }

    [Fact]
    public void Accepts_the_value_types_an_optimizer_produces()
    {
        using var model = ModelFactory.Create(new Dictionary<string, object?>
        {
            ["layers"] = 2.0, ["width"] = 16L, ["dropout"] = 0.2f, ["skip"] = "true", ["norm"] = "Batch", ["activation"] = "silu",
        }, 4, 3, null, 0);
        Assert.Equal(16, model.EmbeddingSize);
    }

    [Fact]
    public void Seeded_dropout_is_reproducible_and_inactive_in_eval()
    {
        var dropout = new SeededDropout(0.5);
        using var x = torch.ones(1000);
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        dropout.train();
        dropout.Generator = g1;
        using var a = dropout.call(x);
        dropout.Generator = g2;
        using var b = dropout.call(x);
        Assert.True(a.Equals(b));
        var kept = a.count_nonzero().item<long>();
        Assert.InRange(kept, 400, 600);
        Assert.Equal(2f, a.max().item<float>());
        dropout.eval();
        using var c = dropout.call(x);
        Assert.True(c.Equals(x));
    }
}
