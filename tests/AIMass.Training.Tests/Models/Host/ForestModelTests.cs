using AIMass.Training.Models.Forest;
using AIMass.Training.Models.Host;
using static AIMass.Training.Tests.Models.Host.HostSamples;

namespace AIMass.Training.Tests.Models.Host;

public sealed class ForestModelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Beats_a_single_feature_stump_where_several_features_matter(bool extra)
    {
        var (train, test) = (SumRule(800, 10, seed: 1), SumRule(1000, 10, seed: 2));
        var forest = ForestModel.Fit(train, Hp(("trees", 100)), extra);
        var stump = ForestModel.Fit(train, Hp(("trees", 1), ("max_depth", 1), ("max_features", 1.0)), extra: false);
        var forestAccuracy = Accuracy(forest.Score(test.Features, test.Rows), test);
        var stumpAccuracy = Accuracy(stump.Score(test.Features, test.Rows), test);
        Assert.True(stumpAccuracy is > 0.55 and < 0.75, $"stump accuracy {stumpAccuracy}");
        Assert.True(forestAccuracy >= 0.85 && forestAccuracy > stumpAccuracy + 0.15, $"{forest.Family} accuracy {forestAccuracy}, stump {stumpAccuracy}");
        Assert.Equal(1.0, Accuracy(forest.Score(train.Features, train.Rows), train)); // fully grown trees fit the training rows
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Classifies_blobs_with_distributions(bool extra)
    {
        var (train, test) = (Blobs(600, 6, seed: 3), Blobs(600, 6, seed: 4));
        var forest = ForestModel.Fit(train, Hp(("trees", 50)), extra);
        var probabilities = forest.Score(test.Features, test.Rows);
        AssertDistributions(probabilities, 3);
        Assert.True(Accuracy(probabilities, test) >= 0.85, $"accuracy {Accuracy(probabilities, test)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Regresses_a_nonlinear_function_far_better_than_the_mean(bool extra)
    {
        var (train, test) = (Wave(1500, 6, seed: 5), Wave(1000, 6, seed: 6));
        var forest = ForestModel.Fit(train, Hp(("trees", 60)), extra);
        var r2 = R2(forest.Score(test.Features, test.Rows), test);
        var constant = R2(Enumerable.Repeat(train.Targets!.Average(), test.Rows).ToArray(), test);
        Assert.InRange(constant, -0.05, 0.0001);
        Assert.True(r2 > 0.8, $"{forest.Family} r2 {r2}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Equal_seeds_give_equal_forests_and_different_seeds_differ(bool extra)
    {
        var test = SumRule(200, 8, seed: 8);
        float[] Scores(int fitSeed, int threads) =>
            ForestModel.Fit(SumRule(300, 8, seed: 7, fitSeed: fitSeed) with { Threads = threads }, Hp(("trees", 20)), extra).Score(test.Features, test.Rows);
        var first = Scores(11, 1);
        Assert.Equal(first, Scores(11, 1));
        Assert.Equal(first, Scores(11, 2)); // trees grown in parallel are the same trees
        Assert.NotEqual(first, Scores(12, 1));
    }

    [Theory]
    [InlineData(false, TaskKind.Classification)]
    [InlineData(true, TaskKind.Classification)]
    [InlineData(false, TaskKind.Regression)]
    [InlineData(true, TaskKind.Regression)]
    public void Save_and_load_round_trip_to_identical_scores(bool extra, TaskKind task)
    {
        var data = task == TaskKind.Classification ? Blobs(300, 5, seed: 9) : Wave(300, 5, seed: 9);
        var forest = ForestModel.Fit(data, Hp(("trees", 15), ("min_leaf", 2)), extra);
        var loaded = ForestModel.Load(forest.Save(), ShapeOf(data, forest), extra);
        Assert.Equal(forest.Score(data.Features, data.Rows), loaded.Score(data.Features, data.Rows));
        Assert.Equal(forest.ParameterCount, loaded.ParameterCount);
        Assert.Equal(forest.Family, loaded.Family);
        Assert.Throws<InvalidDataException>(() => ForestModel.Load(forest.Save(), ShapeOf(data, forest), !extra));
        Assert.Throws<InvalidDataException>(() => ForestModel.Load(forest.Save(), ShapeOf(data, forest) with { FeatureCount = 4 }, extra));
    }

    [Fact]
    public void Reads_defaults_and_counts_parameters_honestly()
    {
        var data = Blobs(200, 16, seed: 10);
        var hp = Hp();
        var forest = ForestModel.Fit(data, hp, extra: false);
        Assert.Equal(200L, hp.Resolved["trees"]);
        Assert.Equal(0.25, (double)hp.Resolved["max_features"], 12); // sqrt(16) / 16
        Assert.Equal(1L, hp.Resolved["min_leaf"]);
        Assert.Equal(0L, hp.Resolved["max_depth"]);
        Assert.Equal(200, forest.Trees);
        var regression = Hp();
        ForestModel.Fit(Wave(100, 4, seed: 1), regression, extra: true);
        Assert.Equal(1.0, (double)regression.Resolved["max_features"]);

        var stumps = ForestModel.Fit(data, Hp(("trees", 7), ("max_depth", 1)), extra: false);
        Assert.Equal(7 * 3, stumps.Nodes);
        Assert.Equal(7 * (2 + 2 * 3), stumps.ParameterCount); // per tree: one split (feature, threshold) + two leaves of 3 classes
        var coarse = ForestModel.Fit(data, Hp(("trees", 7), ("min_leaf", 40)), extra: false);
        Assert.True(coarse.Nodes <= 7 * (2 * (200 / 40) - 1), $"{coarse.Nodes} nodes");
    }

    [Fact]
    public void Refuses_bad_settings_by_name()
    {
        var data = Blobs(50, 3, seed: 1);
        Assert.Contains("'max_features'", Assert.ThrowsAny<ArgumentException>(() => ForestModel.Fit(data, Hp(("max_features", 0)), false)).Message);
        Assert.Contains("'trees'", Assert.ThrowsAny<ArgumentException>(() => ForestModel.Fit(data, Hp(("trees", 0)), true)).Message);
        Assert.Contains("'max_depth'", Assert.ThrowsAny<ArgumentException>(() => ForestModel.Fit(data, Hp(("max_depth", 65)), true)).Message);
    }

    [Fact]
    public void Bins_cut_between_distinct_values_or_at_quantiles()
    {
        const int rows = 1000;
        var x = new float[rows * 3];
        for (var i = 0; i < rows; i++) (x[i * 3], x[i * 3 + 1], x[i * 3 + 2]) = (i % 4, i * 0.37f, 7);
        var bins = ForestBins.Build(x, rows, 3, threads: 2);
        Assert.Equal([0.5f, 1.5f, 2.5f], bins.Cuts[0]);
        Assert.Equal(ForestBins.MaxBins - 1, bins.Cuts[1].Length);
        var counts = Enumerable.Range(0, rows).Select(i => bins.Codes[i * 3 + 1]).GroupBy(c => c).Select(g => g.Count()).ToList();
        Assert.Equal(ForestBins.MaxBins, counts.Count);
        Assert.InRange(counts.Max(), 3, 5); // quantile bins: about rows / 256 each
        Assert.Empty(bins.Cuts[2]);
        Assert.All(Enumerable.Range(0, rows), i => Assert.True(x[i * 3 + 1] <= bins.Cuts[1].Append(float.MaxValue).ElementAt(bins.Codes[i * 3 + 1])));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Keeps_drawing_features_past_constant_ones(bool extra)
    {
        // One informative feature among nine constants, one feature tried per split: a split is still found.
        var data = Classification(60, 10, seed: 12, fitSeed: 1, x => x[0] > 0 ? 1 : 0, 2);
        for (var i = 0; i < data.Rows; i++) for (var f = 1; f < 10; f++) data.Features[i * 10 + f] = f;
        var forest = ForestModel.Fit(data, Hp(("trees", 10), ("max_features", 0.1)), extra);
        Assert.True(forest.Nodes >= 10 * 3, $"{forest.Nodes} nodes");
        Assert.True(Accuracy(forest.Score(data.Features, data.Rows), data) >= 0.95); // leaves only would score about 0.5
    }
}
