using AIMass.Training.Metrics;

namespace AIMass.Training.Tests.Metrics;

public sealed class MetricsTests
{
    [Fact]
    public void Classification_metrics_match_hand_computed_values()
    {
        // True: 0 0 1 1 2 2 ; predicted: 0 1 1 1 2 0
        long[] labels = { 0, 0, 1, 1, 2, 2 };
        float[] p =
        {
            0.8f, 0.1f, 0.1f,
            0.3f, 0.6f, 0.1f,
            0.1f, 0.8f, 0.1f,
            0.2f, 0.7f, 0.1f,
            0.1f, 0.1f, 0.8f,
            0.5f, 0.1f, 0.4f,
        };
        var m = ClassificationMetrics.Compute(labels, p, 3);
        Assert.Equal(4 / 6.0, m[MetricNames.Accuracy], 10);
        Assert.Equal((0.5 + 1 + 0.5) / 3, m[MetricNames.BalancedAccuracy], 10);
        // F1: class 0 p=1/2 r=1/2 -> 0.5; class 1 p=2/3 r=1 -> 0.8; class 2 p=1 r=1/2 -> 2/3
        Assert.Equal((0.5 + 0.8 + 2 / 3.0) / 3, m[MetricNames.MacroF1], 10);
        var logLoss = -(Math.Log(0.8) + Math.Log(0.3) + Math.Log(0.8) + Math.Log(0.7) + Math.Log(0.8) + Math.Log(0.4)) / 6;
        Assert.Equal(logLoss, m[MetricNames.LogLoss], 5);
        Assert.False(m.ContainsKey(MetricNames.RocAuc));
    }

    [Fact]
    public void Binary_roc_auc_counts_ties_as_half()
    {
        long[] labels = { 0, 0, 1, 1 };
        Assert.Equal(0.75, ClassificationMetrics.RocAuc(labels, new[] { 0.1, 0.4, 0.35, 0.8 }), 10);
        Assert.Equal(0.5, ClassificationMetrics.RocAuc(labels, new[] { 0.5, 0.5, 0.5, 0.5 }), 10);
        var m = ClassificationMetrics.Compute(labels, new float[] { 0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f }, 2);
        Assert.Equal(0.75, m[MetricNames.RocAuc], 10);
        Assert.True(double.IsNaN(ClassificationMetrics.RocAuc(new long[] { 1, 1 }, new[] { 0.1, 0.2 })));
    }

    [Fact]
    public void Regression_metrics_match_hand_computed_values()
    {
        double[] y = { 1, 2, 3, 4 };
        double[] f = { 1.5, 2, 2, 4 };
        var m = RegressionMetrics.Compute(y, f);
        Assert.Equal(Math.Sqrt((0.25 + 0 + 1 + 0) / 4), m[MetricNames.Rmse], 10);
        Assert.Equal(1.5 / 4, m[MetricNames.Mae], 10);
        Assert.Equal(1 - 1.25 / 5, m[MetricNames.R2], 10);
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(y, new double[] { 1 }));
    }
}
