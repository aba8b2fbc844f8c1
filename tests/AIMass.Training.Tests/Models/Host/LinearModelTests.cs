using AIMass.Training.Models.Host;
using AIMass.Training.Models.LinearModels;
using static AIMass.Training.Tests.Models.Host.HostSamples;

namespace AIMass.Training.Tests.Models.Host;

public sealed class LinearModelTests
{
    [Fact]
    public void Ridge_matches_the_normal_equations_on_two_features()
    {
        float[] x = [1, 2, 2, 0, 3, 1, 4, 3, 5, 5, 6, 2];
        float[] y = [3, 1, 2.5f, 6, 8, 5];
        const double alpha = 0.7;
        var data = new HostFitData(x, 6, 2, null, y, TaskKind.Regression, 1, 1, 1);
        var model = LinearModel.Fit(data, Hp(("alpha", alpha)));

        // By hand: centre, then w = (Xc'Xc + alpha I)^-1 Xc'yc through the 2 x 2 inverse; b = mean(y) - mean(x) . w.
        var (m0, m1, my) = (Enumerable.Range(0, 6).Average(i => (double)x[2 * i]), Enumerable.Range(0, 6).Average(i => (double)x[2 * i + 1]), y.Average(v => (double)v));
        double a = alpha, b = 0, d = alpha, r0 = 0, r1 = 0;
        for (var i = 0; i < 6; i++)
        {
            var (u, v, t) = (x[2 * i] - m0, x[2 * i + 1] - m1, y[i] - my);
            (a, b, d, r0, r1) = (a + u * u, b + u * v, d + v * v, r0 + u * t, r1 + v * t);
        }
        var det = a * d - b * b;
        var (w0, w1) = ((d * r0 - b * r1) / det, (a * r1 - b * r0) / det);
        Assert.Equal(w0, model.Weights[0], 10);
        Assert.Equal(w1, model.Weights[1], 10);
        Assert.Equal(my - m0 * w0 - m1 * w1, model.Intercepts[0], 10);
        Assert.Equal(3, model.ParameterCount);
        Assert.Equal((float)(model.Intercepts[0] + 2 * w0 + 2 * w1), model.Score([2, 2], 1)[0], 5);
    }

    [Fact]
    public void Ridge_fits_a_noisy_line_and_shrinks_with_alpha()
    {
        var (train, test) = (Line(400, 8, seed: 1, noise: 0.3), Line(400, 8, seed: 2, noise: 0.3));
        var model = LinearModel.Fit(train, Hp());
        var r2 = R2(model.Score(test.Features, test.Rows), test);
        Assert.True(r2 > 0.95, $"r2 {r2}");
        Assert.Equal(1.5, model.Weights[0], 1);
        Assert.Equal(-2.0, model.Weights[1], 1);
        var stiff = LinearModel.Fit(train, Hp(("alpha", 1e5)));
        Assert.True(Math.Abs(stiff.Weights[1]) < 0.1 * Math.Abs(model.Weights[1]));
    }

    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.0)]
    [InlineData(4, 0.01)]
    public void Logistic_regression_gradient_vanishes_at_the_solution(int classes, double alpha)
    {
        var data = Blobs(300, 5, seed: 3, classes: classes);
        var model = LinearModel.Fit(data, Hp(("alpha", alpha)));
        var vectors = classes == 2 ? 1 : classes;
        Assert.Equal(vectors * 6, model.ParameterCount);

        // The gradient of sum_i -log p(y_i | x_i) + alpha / 2 ||W||^2, computed here independently of the solver.
        var (features, gradient) = (data.FeatureCount, new double[vectors * (data.FeatureCount + 1)]);
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Features.AsSpan(i * features, features).ToArray();
            var logits = Enumerable.Range(0, vectors).Select(v => model.Intercepts[v] + row.Select((value, f) => value * model.Weights[v * features + f]).Sum()).ToArray();
            var z = classes == 2 ? [0, logits[0]] : logits;
            var max = z.Max();
            var sum = z.Sum(t => Math.Exp(t - max));
            for (var v = 0; v < vectors; v++)
            {
                var c = classes == 2 ? 1 : v;
                var residual = Math.Exp(z[c] - max) / sum - (data.Labels![i] == c ? 1 : 0);
                for (var f = 0; f < features; f++) gradient[v * features + f] += residual * row[f];
                gradient[vectors * features + v] += residual;
            }
        }
        for (var j = 0; j < vectors * features; j++) gradient[j] += alpha * model.Weights[j];
        var largest = gradient.Max(Math.Abs) / data.Rows;
        Assert.True(largest < 1e-5, $"largest gradient entry per row {largest}");
        Assert.True(model.Weights.Any(w => Math.Abs(w) > 0.5), "the weights moved away from zero");
    }

    [Fact]
    public void Logistic_regression_separates_blobs_with_distributions()
    {
        var (train, test) = (Blobs(600, 10, seed: 4), Blobs(600, 10, seed: 5));
        var model = LinearModel.Fit(train with { Threads = 2 }, Hp());
        var probabilities = model.Score(test.Features, test.Rows);
        AssertDistributions(probabilities, 3);
        Assert.True(Accuracy(probabilities, test) > 0.85, $"accuracy {Accuracy(probabilities, test)}");
        var single = LinearModel.Fit(train, Hp());
        Assert.Equal(probabilities, single.Score(test.Features, test.Rows)); // the thread count does not change the fit
    }

    [Theory]
    [InlineData(TaskKind.Classification)]
    [InlineData(TaskKind.Regression)]
    public void Save_and_load_round_trip_to_identical_scores(TaskKind task)
    {
        var data = task == TaskKind.Classification ? Blobs(200, 4, seed: 6, classes: 2) : Line(200, 4, seed: 6);
        var model = LinearModel.Fit(data, Hp(("alpha", 0.1)));
        var loaded = LinearModel.Load(model.Save(), ShapeOf(data, model));
        Assert.Equal(model.Score(data.Features, data.Rows), loaded.Score(data.Features, data.Rows));
        Assert.Equal(model.ParameterCount, loaded.ParameterCount);
        Assert.Throws<InvalidDataException>(() => LinearModel.Load(model.Save(), ShapeOf(data, model) with { FeatureCount = 5 }));
    }

    [Fact]
    public void Refuses_an_alpha_out_of_range_by_name() =>
        Assert.Contains("'alpha'", Assert.ThrowsAny<ArgumentException>(() => LinearModel.Fit(Line(20, 2, seed: 1), Hp(("alpha", 0)))).Message);
}
