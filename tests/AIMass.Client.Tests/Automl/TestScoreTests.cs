using AIMass.Cli.Automl;
using AIMass.Grains.Models;

namespace AIMass.Client.Tests.Automl;

public sealed class TestScoreTests
{
    [Fact]
    public void Accuracy_counts_equal_labels_numerically_equal_ones_too_and_skips_empty_truths()
    {
        var score = TestScore.Compute("classification", ["a", "b", "3", null, "a"],
            [Label("a"), Label("a"), Label("3.0"), Label("a"), Label(null)])!;
        Assert.Equal("accuracy", score.Metric);
        Assert.Equal(4, score.Rows);
        Assert.Equal(0.5, score.Value);
    }

    [Fact]
    public void Regression_gives_r2_and_rmse()
    {
        var score = TestScore.Compute("regression", ["1", "2", "3", "x"], [Value(1), Value(2), Value(4), Value(9)])!;
        Assert.Equal("r2", score.Metric);
        Assert.Equal(3, score.Rows);
        Assert.Equal(0.5, score.Value, 12);            // SSres 1, SStot 2
        Assert.Equal(Math.Sqrt(1.0 / 3), score.Rmse!.Value, 12);
    }

    [Fact]
    public void Nothing_to_score_gives_null_and_mismatched_lengths_are_refused()
    {
        Assert.Null(TestScore.Compute("classification", [null, " "], [Label("a"), Label("b")]));
        Assert.Throws<ArgumentException>(() => TestScore.Compute("classification", ["a"], []));
    }

    private static PredictionRow Label(string? label) => new(label, null, null);

    private static PredictionRow Value(double value) => new(null, value, null);
}
