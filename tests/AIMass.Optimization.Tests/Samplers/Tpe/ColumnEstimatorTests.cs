using AIMass.Optimization.Randomness;
using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

/// <summary>
/// The fast "above" estimator built from a presorted column must be the same mixture as the general Parzen
/// estimator over the same observations in trial order: same log densities, for every kind of domain and option.
/// </summary>
public sealed class ColumnEstimatorTests
{
    public static TheoryData<string> Domains() => ["float", "log-float", "step-float", "int", "step-int", "log-int", "categorical"];

    [Theory]
    [MemberData(nameof(Domains))]
    public void ColumnEstimatorEqualsTheGeneralEstimator(string domain)
    {
        var distribution = Domain(domain);
        foreach (var options in OptionVariants())
        {
            foreach (var n in new[] { 0, 1, 2, 7, 60 })
            {
                var rng = new SeededRandom((ulong)(n * 31 + domain.Length));
                var trials = MakeTrials(distribution, n, rng);
                var column = TpeColumn.Build(trials, "p", TpeColumn.IsLog(distribution));
                var excluded = new bool[n];
                for (var i = 0; i < n; i++) excluded[i] = rng.NextDouble() < 0.2;
                var kept = new List<double>();
                for (var i = 0; i < n; i++)
                {
                    if (!excluded[i] && trials[i].TryGetInternal("p", out var v)) kept.Add(v);
                }
                var general = new ParzenEstimator([distribution], [[.. kept]], null, options, false);
                var fast = ParzenEstimator.FromColumn(distribution, column, excluded, options);
                Assert.Equal(general.Kernels, fast.Kernels);
                var points = new double[1][] { [.. Enumerable.Range(0, 40).Select(_ => SearchSpace.SampleUniform(distribution, rng))] };
                var expected = general.LogPdf(points);
                var actual = fast.LogPdf(points);
                Assert.Equal(actual, ParzenEstimator.ColumnLogPdf(distribution, column, excluded, options, points));
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])),
                        $"{domain}, n={n}, point {points[0][i]}: general {expected[i]:R}, column {actual[i]:R}");
                }
            }
        }
    }

    /// <summary>
    /// Many trials, most packed into a narrow cluster as after a long TPE run and a few spread out: the blocked
    /// evaluation of the sorted kernels (which skips far blocks) must give the full mixture's density everywhere,
    /// in the cluster, beside it and far from it.
    /// </summary>
    [Theory]
    [InlineData(40)]
    [InlineData(700)]
    public void BlockedDensityOfManyClusteredKernelsEqualsTheGeneralEstimator(int n)
    {
        var distribution = new FloatDistribution(-5, 10);
        var rng = new SeededRandom(17);
        var trials = new FrozenTrial[n];
        for (var i = 0; i < n; i++)
        {
            var value = i % 10 == 0 ? rng.Uniform(-5, 10) : Math.Clamp(-4.2 + 0.05 * rng.NextGaussian(), -5, 10);
            trials[i] = new FrozenTrial(i, TrialState.Complete, [i], new Dictionary<string, double> { ["p"] = value },
                new Dictionary<string, Distribution> { ["p"] = distribution });
        }
        var column = TpeColumn.Build(trials, "p", false);
        var excluded = new bool[n];
        for (var i = 0; i < n; i += 7) excluded[i] = true;
        var kept = new List<double>();
        for (var i = 0; i < n; i++)
        {
            if (!excluded[i]) kept.Add(trials[i].InternalParams["p"]);
        }
        foreach (var options in new[] { TpeSamplerOptions.Optuna3(), new TpeSamplerOptions(), new TpeSamplerOptions { ConsiderEndpoints = true, ConsiderPrior = false } })
        {
            var general = new ParzenEstimator([distribution], [[.. kept]], null, options, false);
            var fast = ParzenEstimator.FromColumn(distribution, column, excluded, options);
            double[] xs = [-5, -4.9, -4.25, -4.2, -4.2, -4.1, -3.9, -3, 0, 2.5, 7.7, 10, .. Enumerable.Range(0, 40).Select(_ => rng.Uniform(-5, 10))];
            var expected = general.LogPdf([xs]);
            var actual = fast.LogPdf([xs]);
            Assert.Equal(actual, ParzenEstimator.ColumnLogPdf(distribution, column, excluded, options, [xs]));
            for (var i = 0; i < xs.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])),
                    $"n={n}, x={xs[i]}: general {expected[i]:R}, blocked {actual[i]:R}");
            }
        }
    }

    [Fact]
    public void AColumnExtendsToTheColumnBuiltAfresh()
    {
        var rng = new SeededRandom(5);
        var trials = MakeTrials(new IntDistribution(0, 6), 80, rng);
        var grown = TpeColumn.Build(trials[..0], "p", false);
        foreach (var upTo in new[] { 1, 2, 10, 11, 40, 80 })
        {
            grown = TpeColumn.Extend(grown, trials[..upTo], grown.Values.Length, "p", false);
            var fresh = TpeColumn.Build(trials[..upTo], "p", false);
            Assert.Equal(fresh.Internal, grown.Internal);
            Assert.Equal(fresh.Sorted, grown.Sorted);
        }
        // Sorted by value, equal values by trial.
        var sorted = grown.Sorted;
        for (var i = 1; i < sorted.Length; i++)
        {
            var (a, b) = (grown.Values[sorted[i - 1]], grown.Values[sorted[i]]);
            Assert.True(a < b || (a == b && sorted[i - 1] < sorted[i]));
        }
    }

    [Fact]
    public void TheNormaliserMemoNeverAnswersForAnotherKernel()
    {
        var memo = TpeColumn.Build([], "p", false).Memo(0, 1);
        lock (memo)
        {
            // log(Φ(2) − Φ(0)) for a kernel at 0 with σ 0.5 on [0, 1]; then another centre at the same index and σ.
            Assert.Equal(Math.Log(0.97724986805182079 - 0.5), memo.LogNorm(3, 0.0, 0.5, 0, 1), 12);
            Assert.Equal(Math.Log(0.93319279873114191 - 0.30853753872598688), memo.LogNorm(3, 0.25, 0.5, 0, 1), 12);
            Assert.Equal(0.0, memo.LogNorm(3, 0.5, 0.01, 0, 1), 12);
            Assert.Equal(Math.Log(0.97724986805182079 - 0.5), memo.LogNorm(3, 0.0, 0.5, 0, 1), 12);
        }
    }

    private static Distribution Domain(string name) => name switch
    {
        "float" => new FloatDistribution(-5, 10),
        "log-float" => new FloatDistribution(1e-4, 1, log: true),
        "step-float" => new FloatDistribution(0, 1, step: 0.1),
        "int" => new IntDistribution(0, 10),
        "step-int" => new IntDistribution(2, 20, step: 3),
        "log-int" => new IntDistribution(1, 64, log: true),
        "categorical" => new CategoricalDistribution(["a", "b", "c", "d"]),
        _ => throw new ArgumentException(name),
    };

    private static IEnumerable<TpeSamplerOptions> OptionVariants() =>
    [
        TpeSamplerOptions.Optuna3(),
        new TpeSamplerOptions(),
        new TpeSamplerOptions { ConsiderEndpoints = true },
        new TpeSamplerOptions { ConsiderPrior = false },
        new TpeSamplerOptions { ConsiderMagicClip = false, UnscaledKernelDensity = false },
        new TpeSamplerOptions { PriorWeight = 3, Weights = n => [.. Enumerable.Range(0, n).Select(i => 1.0 + i % 3)] },
    ];

    /// <summary>Complete trials with parameter "p" (some without it), many equal values and values at the prior's centre.</summary>
    private static FrozenTrial[] MakeTrials(Distribution distribution, int n, SeededRandom rng)
    {
        var (low, high) = SearchSpace.Bounds(distribution);
        var trials = new FrozenTrial[n];
        double? previous = null;
        for (var i = 0; i < n; i++)
        {
            var parameters = new Dictionary<string, double>();
            var distributions = new Dictionary<string, Distribution>();
            if (i % 9 != 4)
            {
                var value = i % 5 == 0 && distribution is FloatDistribution { Log: false, Step: null }
                    ? 0.5 * (low + high)
                    : SearchSpace.SampleUniform(distribution, rng);
                if (i % 4 == 0 && previous is { } p) value = p;
                parameters["p"] = value;
                distributions["p"] = distribution;
                previous = value;
            }
            trials[i] = new FrozenTrial(i, TrialState.Complete, [i], parameters, distributions);
        }
        return trials;
    }
}
