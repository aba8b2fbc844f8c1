using AIMass.Grains.Datasets;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Optimization;
using AIMass.Optimization.Samplers;
using H = AIMass.Training.Hyperparameters;

namespace AIMass.Grains.Tests.Studies.SearchSpaces;

/// <summary>
/// The default spaces: tabular data gets MLPs, the tabular ResNet, boosted trees, forests, linear and kernel models and
/// nearest neighbours, each family with only the parameters it reads; images get the image families and no trees.
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
    public void Tabular_space_offers_every_family_with_its_own_parameters_only()
    {
        var drawn = Draw(DefaultSearchSpaces.For("classification", null, rows: 150, maxEpochs: null), 200, seed: 3);
        Assert.Equal(["et", "gbdt", "knn", "krr", "linear", "mlp", "resnet", "rf"], drawn.Select(d => d[H.Family]).Distinct().Order());
        var own = new Dictionary<string, string[]>
        {
            ["gbdt"] = [H.Trees, H.Leaves, H.Shrinkage, H.FeatureFraction, H.MinLeaf],
            ["rf"] = [H.Trees, H.MinLeaf, H.MaxFeatures],
            ["et"] = [H.Trees, H.MinLeaf, H.MaxFeatures],
            ["linear"] = [H.Alpha],
            ["krr"] = [H.Alpha, H.Gamma],
            ["knn"] = [H.Neighbours, H.Weighting],
        };
        var fixedKeys = DefaultSearchSpaces.For("classification", null, rows: 150, maxEpochs: null).Fixed.Keys;
        foreach (var d in drawn.Where(d => own.ContainsKey(d[H.Family])))
        {
            Assert.Equal(own[d[H.Family]].Append(H.Family).Concat(fixedKeys).Order(), d.Keys.Order());
        }
        foreach (var trees in drawn.Where(d => d[H.Family] == "gbdt"))
        {
            Assert.InRange(int.Parse(trees[H.Trees]), 50, 300);
            Assert.InRange(int.Parse(trees[H.Leaves]), 4, 32);
            Assert.InRange(int.Parse(trees[H.MinLeaf]), 1, 30);
        }
        foreach (var net in drawn.Where(d => d[H.Family] is "mlp" or "resnet"))
        {
            Assert.Contains(H.LearningRate, net.Keys);
            Assert.Contains(H.Width, net.Keys);
            Assert.Contains(H.LabelSmoothing, net.Keys);
            Assert.DoesNotContain(H.Trees, net.Keys);
            Assert.DoesNotContain(H.Alpha, net.Keys);
        }
    }

    [Fact]
    public void The_portfolio_fits_the_default_space_and_starts_with_the_cheapest_families()
    {
        var space = DefaultSearchSpaces.For("classification", null, rows: 150, maxEpochs: null);
        var portfolio = DefaultPortfolio.For("classification", inputWidth: 4, rows: 150);
        Assert.Equal(["linear", "knn", "krr", "et", "rf", "gbdt", "mlp"], portfolio.Select(p => p[H.Family]));
        foreach (var configuration in portfolio)
        {
            // Every value survives adaptation to the space unchanged: the sampler fills nothing in.
            var adapted = WarmStartAdapter.Adapt(configuration, space);
            Assert.Equal(configuration.Keys.Order(), adapted.Keys.Order());
        }
        Assert.Equal("0.5", portfolio.Single(p => p[H.Family] == "rf")[H.MaxFeatures]);
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
