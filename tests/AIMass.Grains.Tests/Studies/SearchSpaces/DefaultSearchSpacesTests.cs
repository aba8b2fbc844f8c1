using AIMass.Grains.Datasets;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Optimization;
using AIMass.Optimization.Samplers;
using H = AIMass.Training.Hyperparameters;

namespace AIMass.Grains.Tests.Studies.SearchSpaces;

/// <summary>
/// The default spaces: tabular data gets MLPs, the tabular ResNet and gradient-boosted trees, each family with only
/// the parameters it reads; images get the image families and no trees.
/// </summary>
public sealed class DefaultSearchSpacesTests
{
    private static List<Dictionary<string, string>> Draw(AIMass.Grains.Studies.SearchSpace space, int trials, int seed)
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize, Sampler = new RandomSampler(seed) });
        var drawn = new List<Dictionary<string, string>>();
        for (var i = 0; i < trials; i++)
        {
            var trial = study.Ask();
            drawn.Add(SearchSpaceSampler.Sample(trial, space));
            study.Tell(trial, 0.5);
        }
        return drawn;
    }

    [Fact]
    public void Tabular_space_offers_boosted_trees_with_their_own_parameters_only()
    {
        var drawn = Draw(DefaultSearchSpaces.For("classification", null, rows: 150, maxEpochs: null), 80, seed: 3);
        Assert.Equal(["gbdt", "mlp", "resnet"], drawn.Select(d => d[H.Family]).Distinct().Order());
        foreach (var trees in drawn.Where(d => d[H.Family] == "gbdt"))
        {
            Assert.InRange(int.Parse(trees[H.Trees]), 50, 300);
            Assert.InRange(int.Parse(trees[H.Leaves]), 4, 32);
            Assert.InRange(int.Parse(trees[H.MinLeaf]), 2, 30);
            Assert.DoesNotContain(H.LearningRate, trees.Keys);
            Assert.DoesNotContain(H.Dropout, trees.Keys);
            Assert.DoesNotContain(H.Width, trees.Keys);
        }
        foreach (var net in drawn.Where(d => d[H.Family] != "gbdt"))
        {
            Assert.Contains(H.LearningRate, net.Keys);
            Assert.Contains(H.Width, net.Keys);
            Assert.Contains(H.LabelSmoothing, net.Keys);
            Assert.DoesNotContain(H.Trees, net.Keys);
        }
    }

    [Fact]
    public void Image_space_has_the_image_families_and_no_trees()
    {
        var drawn = Draw(DefaultSearchSpaces.For("classification", new ImageShape(1, 8, 8), rows: 1797, maxEpochs: 8), 60, seed: 5);
        Assert.Equal(["cnn", "mlp", "resnet", "vit"], drawn.Select(d => d[H.Family]).Distinct().Order());
        Assert.All(drawn, d => Assert.Contains(H.LearningRate, d.Keys));
        Assert.All(drawn, d => Assert.DoesNotContain(H.Trees, d.Keys));
        Assert.All(drawn, d => Assert.Equal("8", d[H.Epochs]));
    }

    [Fact]
    public void Regression_space_has_no_label_smoothing()
    {
        var drawn = Draw(DefaultSearchSpaces.For("regression", null, rows: 442, maxEpochs: null), 30, seed: 7);
        Assert.All(drawn, d => Assert.DoesNotContain(H.LabelSmoothing, d.Keys));
    }
}
