using AIMass.Training.Models.Host;
using AIMass.Training.Models.Kernel;
using AIMass.Training.Models.LinearModels;
using static AIMass.Training.Tests.Models.Host.HostSamples;

namespace AIMass.Training.Tests.Models.Kernel;

public sealed class KernelRidgeModelTests
{
    [Fact]
    public void Dual_coefficients_match_a_direct_solve_and_reproduce_the_training_fit()
    {
        float[] x = [1, 2, 2, 0, 3, 1, 0.5f, 3, -1, 1, 2.5f, 2.5f];
        float[] y = [3, 1, 2.5f, 6, -2, 5];
        const double alpha = 0.3, gamma = 0.8;
        var (rows, features) = (6, 2);
        var data = new HostFitData(x, rows, features, null, y, TaskKind.Regression, 1, 1, 1);
        var model = KernelRidgeModel.Fit(data, Hp(("alpha", alpha), ("gamma", gamma)));

        // By hand: the explicit kernel matrix, then (K + alpha I) a = y - mean(y) by Gauss-Jordan elimination.
        var k = new double[rows, rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < rows; j++)
            {
                var d0 = (double)x[2 * i] - x[2 * j];
                var d1 = (double)x[2 * i + 1] - x[2 * j + 1];
                k[i, j] = Math.Exp(-gamma / features * (d0 * d0 + d1 * d1));
            }
        }
        var mean = y.Average(v => (double)v);
        var system = new double[rows, rows + 1];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < rows; j++) system[i, j] = k[i, j] + (i == j ? alpha : 0);
            system[i, rows] = y[i] - mean;
        }
        var expected = GaussJordan(system, rows);

        Assert.Equal(rows, model.SupportRows);
        Assert.Equal(rows * (features + 1), model.ParameterCount);
        Assert.Equal(mean, model.Offsets[0], 12);
        for (var i = 0; i < rows; i++) Assert.Equal(expected[i], model.DualCoefficients[i], 10);
        var predictions = model.Score(x, rows);
        for (var i = 0; i < rows; i++)
        {
            var fitted = mean + Enumerable.Range(0, rows).Sum(j => k[i, j] * expected[j]);
            Assert.Equal(fitted, predictions[i], 4);
        }
    }

    [Fact]
    public void A_sine_is_fitted_far_better_than_a_constant_or_a_line()
    {
        static HostFitData Sine(int rows, int seed) => Regression(rows, 1, seed, 1, x => Math.Sin(3 * x[0]), noise: 0.1);
        var (train, test) = (Sine(400, seed: 1), Sine(400, seed: 2));
        var model = KernelRidgeModel.Fit(train, Hp());
        var r2 = R2(model.Score(test.Features, test.Rows), test);
        var linear = LinearModel.Fit(train, Hp());
        var r2Linear = R2(linear.Score(test.Features, test.Rows), test);
        Assert.True(r2 > 0.9, $"krr r2 {r2} (a constant predictor scores about 0)");
        Assert.True(r2 > r2Linear + 0.5, $"krr r2 {r2}, linear r2 {r2Linear}");
        var tuned = KernelRidgeModel.Fit(train, Hp(("alpha", 0.1), ("gamma", 5)));
        Assert.True(R2(tuned.Score(test.Features, test.Rows), test) > 0.9);
    }

    [Fact]
    public void Concentric_rings_are_separated_with_proper_probabilities()
    {
        var (train, test) = (Rings(400, seed: 1), Rings(400, seed: 2));
        var model = KernelRidgeModel.Fit(train, Hp());
        var probabilities = model.Score(test.Features, test.Rows);
        AssertDistributions(probabilities, 2);
        Assert.All(probabilities, p => Assert.True(p > 0 && p <= 1, $"probability {p}"));
        var accuracy = Accuracy(probabilities, test);
        Assert.True(accuracy > 0.95, $"accuracy {accuracy}");
        var linear = Accuracy(LinearModel.Fit(train, Hp()).Score(test.Features, test.Rows), test);
        Assert.True(linear < 0.75, $"the rings should not be linearly separable: linear accuracy {linear}");
        Assert.Equal(0.5, model.Offsets[0], 12);
        Assert.Equal(400 * (2 + 2), model.ParameterCount);
    }

    [Fact]
    public void Equal_data_and_seed_give_equal_models()
    {
        var data = Blobs(300, 4, seed: 5);
        var (first, second) = (KernelRidgeModel.Fit(data, Hp()), KernelRidgeModel.Fit(data with { Threads = 2 }, Hp()));
        Assert.Equal(first.Save(), second.Save());
        Assert.Equal(first.Score(data.Features, data.Rows), second.Score(data.Features, data.Rows));
    }

    [Fact]
    public void Beyond_the_row_limit_a_deterministic_stratified_subset_is_kept()
    {
        // Shares of about 31%, 58% and 11%.
        var data = Classification(2600, 4, seed: 7, fitSeed: 3, x => x[0] < -0.5 ? 0 : x[0] > 1.2 ? 2 : 1, 3);
        var kept = KernelRidgeSubset.Choose(data, KernelRidgeModel.MaxSupportRows);
        Assert.Equal(KernelRidgeModel.MaxSupportRows, kept.Length);
        Assert.Equal(kept, KernelRidgeSubset.Choose(data, KernelRidgeModel.MaxSupportRows));
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First < p.Second), "ascending and distinct");
        Assert.NotEqual(kept, KernelRidgeSubset.Choose(data with { Seed = 4 }, KernelRidgeModel.MaxSupportRows));
        for (var c = 0; c < 3; c++)
        {
            var share = (double)data.Labels!.Count(l => l == c) * KernelRidgeModel.MaxSupportRows / data.Rows;
            Assert.InRange(kept.Count(i => data.Labels![i] == c), Math.Floor(share), Math.Ceiling(share));
        }

        var (first, second) = (KernelRidgeModel.Fit(data, Hp()), KernelRidgeModel.Fit(data with { Threads = 2 }, Hp()));
        Assert.Equal(KernelRidgeModel.MaxSupportRows, first.SupportRows);
        Assert.Equal(first.Save(), second.Save());
        Assert.True(Accuracy(first.Score(data.Features, data.Rows), data) > 0.9);

        var regression = Line(2100, 3, seed: 8);
        var sample = KernelRidgeSubset.Choose(regression, KernelRidgeModel.MaxSupportRows);
        Assert.Equal(KernelRidgeModel.MaxSupportRows, sample.Distinct().Count());
        Assert.Equal(sample, KernelRidgeSubset.Choose(regression, KernelRidgeModel.MaxSupportRows));
        Assert.Equal(Enumerable.Range(0, 50), KernelRidgeSubset.Choose(Line(50, 3, seed: 8), KernelRidgeModel.MaxSupportRows));
    }

    [Fact]
    public void A_class_with_a_single_row_keeps_it_in_the_subset()
    {
        var labels = Enumerable.Range(0, 4001).Select(i => i == 4000 ? 2L : i % 2).ToArray();
        var data = new HostFitData(new float[4001], 4001, 1, labels, null, TaskKind.Classification, 3, 1, 1);
        var kept = KernelRidgeSubset.Choose(data, 2000);
        Assert.Equal(2000, kept.Length);
        Assert.Equal(4000, kept[^1]);
        Assert.InRange(kept.Count(i => labels[i] == 0), 999, 1000);
    }

    [Theory]
    [InlineData(TaskKind.Regression)]
    [InlineData(TaskKind.Classification)]
    public void Save_and_load_round_trip_and_refuse_a_wrong_shape(TaskKind task)
    {
        var data = task == TaskKind.Regression ? Wave(200, 5, seed: 9) : Blobs(200, 5, seed: 9);
        var model = KernelRidgeModel.Fit(data, Hp(("alpha", 0.5), ("gamma", 2)));
        var bytes = model.Save();
        var shape = ShapeOf(data, model);
        var loaded = KernelRidgeModel.Load(bytes, shape);
        Assert.Equal("krr", loaded.Family);
        Assert.Equal(model.ParameterCount, loaded.ParameterCount);
        Assert.Equal(model.Settings, loaded.Settings);
        Assert.Equal(bytes, loaded.Save());
        Assert.Equal(model.Score(data.Features, data.Rows), loaded.Score(data.Features, data.Rows));

        Assert.Throws<InvalidDataException>(() => KernelRidgeModel.Load(bytes, shape with { FeatureCount = 6 }));
        Assert.Throws<InvalidDataException>(() => KernelRidgeModel.Load(bytes, shape with { Classes = shape.Classes + 1, Task = TaskKind.Classification }));
        Assert.Throws<InvalidDataException>(() => KernelRidgeModel.Load(bytes, shape with { Task = task == TaskKind.Regression ? TaskKind.Classification : TaskKind.Regression }));
        Assert.Throws<InvalidDataException>(() => KernelRidgeModel.Load(bytes[..^8], shape));
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_refused()
    {
        var data = Line(20, 2, seed: 1);
        Assert.ThrowsAny<ArgumentException>(() => KernelRidgeModel.Fit(data, Hp(("alpha", 0))));
        Assert.ThrowsAny<ArgumentException>(() => KernelRidgeModel.Fit(data, Hp(("gamma", 1e4))));
        var hp = Hp();
        KernelRidgeModel.Fit(data, hp);
        Assert.Equal(1.0, hp.Resolved["alpha"]);
        Assert.Equal(1.0, hp.Resolved["gamma"]);
    }

    /// <summary>Two classes on circles of radius 1 and 2 (radial noise 0.15), uniform angles, alternating labels.</summary>
    private static HostFitData Rings(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 2];
        var labels = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = i % 2;
            var radius = 1 + labels[i] + 0.15 * (random.NextDouble() * 2 - 1);
            var angle = 2 * Math.PI * random.NextDouble();
            (x[2 * i], x[2 * i + 1]) = ((float)(radius * Math.Cos(angle)), (float)(radius * Math.Sin(angle)));
        }
        return new HostFitData(x, rows, 2, labels, null, TaskKind.Classification, 2, 1, 1);
    }

    /// <summary>Solves the augmented system <c>[A | b]</c> (n x (n + 1)) by Gauss-Jordan elimination with partial pivoting.</summary>
    private static double[] GaussJordan(double[,] m, int n)
    {
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var j = 0; j <= n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = m[r, col] / m[col, col];
                for (var j = col; j <= n; j++) m[r, j] -= factor * m[col, j];
            }
        }
        return Enumerable.Range(0, n).Select(i => m[i, n] / m[i, i]).ToArray();
    }
}
