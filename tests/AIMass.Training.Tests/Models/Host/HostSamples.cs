using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;

namespace AIMass.Training.Tests.Models.Host;

/// <summary>Synthetic data sets and scoring helpers for the host model families' tests.</summary>
internal static class HostSamples
{
    /// <summary>
    /// Two-class rule where four features matter equally (<c>x0 + x1 + x2 + x3 &gt; 0</c>) among <paramref name="features"/>
    /// standard normal features, so no single split gets far.
    /// </summary>
    public static HostFitData SumRule(int rows, int features, int seed, int fitSeed = 1) =>
        Classification(rows, features, seed, fitSeed, x => x[0] + x[1] + x[2] + x[3] > 0 ? 1 : 0, 2);

    /// <summary>Three Gaussian blobs (centres 2.5 apart on the first features), unit noise elsewhere.</summary>
    public static HostFitData Blobs(int rows, int features, int seed, int classes = 3, int fitSeed = 1)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var labels = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            var label = i % classes;
            labels[i] = label;
            for (var f = 0; f < features; f++) x[i * features + f] = (float)(Normal(random) + (f < classes && f == label ? 2.5 : 0));
        }
        return new HostFitData(x, rows, features, labels, null, TaskKind.Classification, classes, fitSeed, 1);
    }

    /// <summary>
    /// A nonlinear regression target <c>2 sin(x0) + x1^2 - x2 + 0.5 x3 x4</c> (terms of missing features left out) plus
    /// N(0, <paramref name="noise"/>) noise.
    /// </summary>
    public static HostFitData Wave(int rows, int features, int seed, double noise = 0.1, int fitSeed = 1) =>
        Regression(rows, features, seed, fitSeed, x => 2 * Math.Sin(At(x, 0)) + At(x, 1) * At(x, 1) - At(x, 2) + 0.5 * At(x, 3) * At(x, 4), noise);

    /// <summary>A linear target <c>1.5 x0 - 2 x1 + 0.5 x2 + 0.3</c> (terms of missing features left out) plus N(0, <paramref name="noise"/>) noise.</summary>
    public static HostFitData Line(int rows, int features, int seed, double noise = 0.1) =>
        Regression(rows, features, seed, 1, x => 1.5 * At(x, 0) - 2 * At(x, 1) + 0.5 * At(x, 2) + 0.3, noise);

    public static HostFitData Classification(int rows, int features, int seed, int fitSeed, Func<float[], int> rule, int classes)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var labels = new long[rows];
        var row = new float[features];
        for (var i = 0; i < rows; i++)
        {
            for (var f = 0; f < features; f++) x[i * features + f] = row[f] = (float)Normal(random);
            labels[i] = rule(row);
        }
        return new HostFitData(x, rows, features, labels, null, TaskKind.Classification, classes, fitSeed, 1);
    }

    public static HostFitData Regression(int rows, int features, int seed, int fitSeed, Func<float[], double> target, double noise)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var targets = new float[rows];
        var row = new float[features];
        for (var i = 0; i < rows; i++)
        {
            for (var f = 0; f < features; f++) x[i * features + f] = row[f] = (float)Normal(random);
            targets[i] = (float)(target(row) + noise * Normal(random));
        }
        return new HostFitData(x, rows, features, null, targets, TaskKind.Regression, 1, fitSeed, 1);
    }

    /// <summary>A reader over the training keys, as the pipeline builds one.</summary>
    public static HyperparameterReader Hp(params (string Key, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value), Hyperparameters.TrainingKeys);

    /// <summary>The artifact shape the pipeline would record for <paramref name="model"/> fitted on <paramref name="data"/>.</summary>
    public static HostModelShape ShapeOf(HostFitData data, IHostModel model) =>
        new(data.Task, data.OutputWidth, data.FeatureCount, model.ParameterCount);

    /// <summary>Share of rows whose most probable class is the label (first class on ties).</summary>
    public static double Accuracy(float[] probabilities, HostFitData data)
    {
        var width = data.Classes;
        var right = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            var row = probabilities.AsSpan(i * width, width);
            var best = 0;
            for (var c = 1; c < width; c++) if (row[c] > row[best]) best = c;
            if (best == data.Labels![i]) right++;
        }
        return (double)right / data.Rows;
    }

    /// <summary>Coefficient of determination: 1 - SSE / SS around the targets' mean (a constant predictor scores about 0).</summary>
    public static double R2(float[] predictions, HostFitData data)
    {
        var y = data.Targets!;
        var mean = y.Average(v => (double)v);
        double sse = 0, sst = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            sse += Math.Pow(y[i] - predictions[i], 2);
            sst += Math.Pow(y[i] - mean, 2);
        }
        return 1 - sse / sst;
    }

    /// <summary>Asserts every row of <paramref name="probabilities"/> is a distribution.</summary>
    public static void AssertDistributions(float[] probabilities, int width)
    {
        Assert.Equal(0, probabilities.Length % width);
        for (var i = 0; i < probabilities.Length / width; i++)
        {
            var row = probabilities.AsSpan(i * width, width).ToArray();
            Assert.All(row, p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(1.0, row.Sum(p => (double)p), 5);
        }
    }

    private static double At(float[] x, int i) => i < x.Length ? x[i] : 0;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
