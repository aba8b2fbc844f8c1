using AIMass.Optimization.Randomness;
using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

/// <summary>
/// The multivariate "above" estimator built from presorted columns (kernels reordered by their first dimension when
/// every dimension is continuous, far blocks skipped) must be the same mixture as the general multivariate estimator
/// over the same observations in trial order.
/// </summary>
public sealed class MultivariateColumnEstimatorTests
{
    public static TheoryData<string> Spaces() => ["continuous", "log-and-negative", "with-integers", "with-categorical", "single"];

    [Theory]
    [MemberData(nameof(Spaces))]
    public void ColumnsEstimatorEqualsTheGeneralEstimator(string space)
    {
        var distributions = Space(space);
        foreach (var options in OptionVariants())
        {
            foreach (var n in new[] { 0, 1, 2, 9, 80, 600 })
            {
                var rng = new SeededRandom((ulong)(n * 13 + space.Length));
                var trials = MakeTrials(distributions, n, rng);
                var columns = distributions.Select((d, i) => TpeColumn.Build(trials, $"p{i}", TpeColumn.IsLog(d))).ToArray();
                var excluded = new bool[n];
                for (var i = 0; i < n; i++) excluded[i] = rng.NextDouble() < 0.15;
                var observations = distributions.Select(_ => new List<double>()).ToArray();
                for (var i = 0; i < n; i++)
                {
                    if (excluded[i] || columns.Any(c => double.IsNaN(c.Internal[i]))) continue;
                    for (var d = 0; d < distributions.Length; d++) observations[d].Add(columns[d].Internal[i]);
                }
                var general = new ParzenEstimator(distributions, [.. observations.Select(o => o.ToArray())], null, options, true);
                var fast = ParzenEstimator.FromColumns(distributions, columns, excluded, options);
                Assert.Equal(general.Kernels, fast.Kernels);
                // Points spread over the box, and points right at observations (where the narrow kernels matter).
                var points = distributions.Select(_ => new double[60]).ToArray();
                for (var p = 0; p < 60; p++)
                {
                    var at = n > 0 && p % 2 == 0 ? (int)(rng.NextDouble() * n) : -1;
                    for (var d = 0; d < distributions.Length; d++)
                    {
                        var v = at >= 0 ? columns[d].Internal[at] : double.NaN;
                        points[d][p] = double.IsNaN(v) ? SearchSpace.SampleUniform(distributions[d], rng) : v;
                    }
                }
                var expected = general.LogPdf(points);
                var actual = fast.LogPdf(points);
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])),
                        $"{space}, n={n}, point {i}: general {expected[i]:R}, columns {actual[i]:R}");
                }
            }
        }
    }

    private static Distribution[] Space(string name) => name switch
    {
        "continuous" => [new FloatDistribution(-5, 10), new FloatDistribution(0, 15), new FloatDistribution(0, 1)],
        "log-and-negative" => [new FloatDistribution(1e-4, 1, log: true), new FloatDistribution(-3, -1)],
        "with-integers" => [new FloatDistribution(0, 1), new IntDistribution(0, 10), new IntDistribution(1, 64, log: true)],
        "with-categorical" => [new CategoricalDistribution(["a", "b", "c"]), new FloatDistribution(-1, 1)],
        "single" => [new FloatDistribution(-2, 2)],
        _ => throw new ArgumentException(name),
    };

    private static IEnumerable<TpeSamplerOptions> OptionVariants() =>
    [
        new TpeSamplerOptions(),
        new TpeSamplerOptions { UnscaledKernelDensity = true },
        new TpeSamplerOptions { MultivariateBandwidth = TpeMultivariateBandwidth.Scott },
        new TpeSamplerOptions { ConsiderEndpoints = true, ConsiderPrior = false },
        new TpeSamplerOptions { PriorWeight = 3, Weights = n => [.. Enumerable.Range(0, n).Select(i => 1.0 + i % 3)] },
        TpeSamplerOptions.Optuna3(multivariate: true),
    ];

    /// <summary>
    /// Complete trials over the space: every eighth lacks its second parameter, most values cluster (as after a long
    /// run) and some repeat exactly, including the prior's centre.
    /// </summary>
    private static FrozenTrial[] MakeTrials(Distribution[] distributions, int n, SeededRandom rng)
    {
        var trials = new FrozenTrial[n];
        for (var i = 0; i < n; i++)
        {
            var parameters = new Dictionary<string, double>();
            var present = new Dictionary<string, Distribution>();
            for (var d = 0; d < distributions.Length; d++)
            {
                if (d == 1 && i % 8 == 3) continue;
                var dist = distributions[d];
                var (low, high) = SearchSpace.Bounds(dist);
                double value;
                if (dist is CategoricalDistribution || i % 3 == 0)
                {
                    value = SearchSpace.SampleUniform(dist, rng);
                }
                else if (i % 11 == 5 && dist is FloatDistribution { Log: false } f)
                {
                    value = 0.5 * (f.Low + f.High);
                }
                else
                {
                    var centre = low + 0.3 * (high - low);
                    var internalCentre = SearchSpace.Untransform(dist, Math.Clamp(centre + 0.02 * (high - low) * rng.NextGaussian(), low, high));
                    value = i > 4 && i % 5 == 0 && trials[i - 1].TryGetInternal($"p{d}", out var previous) ? previous : internalCentre;
                }
                parameters[$"p{d}"] = value;
                present[$"p{d}"] = dist;
            }
            trials[i] = new FrozenTrial(i, TrialState.Complete, [rng.NextDouble()], parameters, present);
        }
        return trials;
    }
}
