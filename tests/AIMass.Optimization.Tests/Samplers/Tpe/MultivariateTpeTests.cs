using AIMass.Optimization.Randomness;
using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;
using MathNet.Numerics.Distributions;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

/// <summary>Multivariate TPE: kernel widths and densities against hand-written formulas, and the cached groups.</summary>
public sealed class MultivariateTpeTests
{
    // x on [0, 1] and y on [0, 2]; three observations, weights 1 each plus the prior's 1.
    private static readonly Distribution[] Space = [new FloatDistribution(0, 1), new FloatDistribution(0, 2)];
    private static readonly double[][] Observations = [[0.2, 0.5, 0.9], [1.0, 0.2, 1.6]];
    private static readonly double[][] Points = [[0.4, 0.05, 0.95, 0.5], [1.2, 0.3, 1.9, 1.0]];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NeighbourBandwidthUsesTheGapsBetweenObservationsPerParameter(bool unscaled)
    {
        // x sorted 0.2, 0.5, 0.9: the outer kernels take their inner gap (no endpoints), the middle the larger one:
        // 0.3, 0.4, 0.4. y sorted 0.2 (k1), 1.0 (k0), 1.6 (k2): 0.8, 0.8, 0.6 (the prior's centre, 1.0, is no
        // neighbour). The magic clip (range / min(100, 3 + 2)) is 0.2 and 0.4, below all. Prior: centre, whole range.
        double[][] mus = [[0.2, 0.5, 0.9, 0.5], [1.0, 0.2, 1.6, 1.0]];
        double[][] sigmas = [[0.3, 0.4, 0.4, 1.0], [0.8, 0.8, 0.6, 2.0]];
        var options = new TpeSamplerOptions { MultivariateBandwidth = TpeMultivariateBandwidth.Neighbours, UnscaledKernelDensity = unscaled };
        var pe = new ParzenEstimator(Space, Observations, null, options, true);
        AssertClose(Expected(mus, sigmas, unscaled), pe.LogPdf(Points));
    }

    [Fact]
    public void ScottBandwidthIsOptuna31sDefault()
    {
        // 0.2 · 3^(−1/6) · range = 0.1665 and 0.3331, both below the magic clip (0.2 and 0.4), so clipped to it.
        double[][] mus = [[0.2, 0.5, 0.9, 0.5], [1.0, 0.2, 1.6, 1.0]];
        double[][] sigmas = [[0.2, 0.2, 0.2, 1.0], [0.4, 0.4, 0.4, 2.0]];
        Assert.Equal(TpeMultivariateBandwidth.Scott, TpeSamplerOptions.Optuna3().MultivariateBandwidth);
        Assert.Equal(TpeMultivariateBandwidth.Neighbours, new TpeSamplerOptions().MultivariateBandwidth);
        var pe = new ParzenEstimator(Space, Observations, null, TpeSamplerOptions.Optuna3(), true);
        AssertClose(Expected(mus, sigmas, unscaled: true), pe.LogPdf(Points));
    }

    [Fact]
    public void NeighbourBandwidthSamplesJointlyAndDeterministically()
    {
        double[] Run(int seed)
        {
            var options = new TpeSamplerOptions
            {
                Seed = seed, Multivariate = true, Group = true, MultivariateBandwidth = TpeMultivariateBandwidth.Neighbours,
                UnscaledKernelDensity = false,
            };
            var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(options) });
            study.Optimize(t =>
            {
                var x = t.SuggestFloat("x", -5, 5);
                var n = t.SuggestInt("n", 1, 64, log: true);
                var c = t.SuggestCategorical("c", ["a", "b"]);
                return x * x + Math.Abs(Math.Log2(n) - 3) + (c is "a" ? 0 : 1);
            }, nTrials: 40);
            return [.. study.Trials.Select(t => t.InternalParams["x"])];
        }
        Assert.Equal(Run(3), Run(3));
    }

    [Fact]
    public void CachedGroupsEqualTheGroupDecompositionAsTrialsFinishInAnyOrder()
    {
        var rng = new SeededRandom(7);
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        var groups = new TpeGroups();
        string[] names = ["a", "b", "c", "d", "e"];
        var open = new List<Trial>();
        for (var step = 0; step < 300; step++)
        {
            if (open.Count < 6 || rng.NextDouble() < 0.4)
            {
                var trial = study.Ask();
                // Conditional spaces: "a" always (its range changing now and then), the others in changing subsets.
                trial.SuggestFloat("a", 0, step < 150 ? 1 : 2);
                var mask = step < 40 ? 0b0110 : rng.NextInt(16);
                for (var i = 1; i < names.Length; i++)
                {
                    if ((mask >> (i - 1) & 1) == 1) trial.SuggestFloat(names[i], 0, 1);
                }
                open.Add(trial);
                continue;
            }
            var k = rng.NextInt(open.Count);
            var done = open[k];
            open.RemoveAt(k);
            var u = rng.NextDouble();
            if (u < 0.2 && step > 100) study.Tell(done, TrialState.Pruned);
            else if (u < 0.3) study.Tell(done, TrialState.Fail);
            else study.Tell(done, u);
            AssertSameGroups(SearchSpace.GroupDecomposed(study, includePruned: true), groups.Of(study));
            AssertSameGroups(SearchSpace.GroupDecomposed(study, includePruned: true), groups.Of(study));
        }
    }

    private static void AssertSameGroups(IReadOnlyList<IReadOnlyDictionary<string, Distribution>> expected,
        IReadOnlyList<IReadOnlyDictionary<string, Distribution>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var g = 0; g < expected.Count; g++)
        {
            Assert.Equal(expected[g].Keys, actual[g].Keys);
            foreach (var (name, d) in expected[g]) Assert.Equal(d, actual[g][name]);
        }
    }

    /// <summary>log Σ_k ¼ Π_d φ(z)/(σ·mass) of truncated Gaussians (without the 1/σ when <paramref name="unscaled"/>).</summary>
    private static double[] Expected(double[][] mus, double[][] sigmas, bool unscaled)
    {
        double[] low = [0, 0], high = [1, 2];
        var result = new double[Points[0].Length];
        for (var i = 0; i < result.Length; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < 4; k++)
            {
                var p = 0.25;
                for (var d = 0; d < 2; d++)
                {
                    var (mu, s) = (mus[d][k], sigmas[d][k]);
                    var mass = Normal.CDF(mu, s, high[d]) - Normal.CDF(mu, s, low[d]);
                    p *= Normal.PDF(mu, s, Points[d][i]) * (unscaled ? s : 1) / mass;
                }
                sum += p;
            }
            result[i] = Math.Log(sum);
        }
        return result;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"point {i}: {actual[i]} vs {expected[i]}");
    }
}
