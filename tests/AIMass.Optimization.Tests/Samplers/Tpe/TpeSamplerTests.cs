using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

public sealed class TpeSamplerTests
{
    [Fact]
    public void TpeBeatsRandomOnBraninOverSeeds()
    {
        // 20 seeds x 60 trials: TPE's median regret must be well below random search's, and it must reach a small
        // regret more often. A statistical assertion with a wide margin, not a timing.
        var tpe = new List<double>();
        var random = new List<double>();
        for (var seed = 0; seed < 20; seed++)
        {
            tpe.Add(Regret(new TpeSampler(new TpeSamplerOptions { Seed = seed })));
            random.Add(Regret(new RandomSampler(seed)));
        }
        var tpeMedian = Median(tpe);
        var randomMedian = Median(random);
        Assert.True(tpeMedian < 0.5 * randomMedian, $"TPE median regret {tpeMedian:G4} vs random {randomMedian:G4}");
        Assert.True(tpe.Count(r => r < 0.1) > random.Count(r => r < 0.1));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)]
    [InlineData(false, false, true)]
    public void EveryOptionCombinationOptimises(bool multivariate, bool group, bool constantLiar)
    {
        var regrets = Enumerable.Range(0, 5).Select(seed => Regret(new TpeSampler(new TpeSamplerOptions
        {
            Seed = seed,
            Multivariate = multivariate,
            Group = group,
            ConstantLiar = constantLiar,
        }), parallelism: constantLiar ? 3 : 1)).ToList();
        Assert.True(Median(regrets) < 0.5, $"median regret {Median(regrets):G4}");
    }

    [Fact]
    public void MultivariateSamplesTheSharedSpaceJointly()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Multivariate = true }) });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 15);
        var relative = study.Trials[12].SystemAttributes["relative_params"] as IReadOnlyDictionary<string, object?>;
        Assert.NotNull(relative);
        Assert.Equal(["x1", "x2"], relative!.Keys.OrderBy(k => k));
        Assert.Equal(study.Trials[12].InternalParams["x1"], relative["x1"]);
    }

    [Fact]
    public void InfiniteAndPrunedTrialsAreRankedNotFatal()
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 2, NStartupTrials = 3 }) });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", -1, 1);
            if (t.Number % 5 == 1) return double.PositiveInfinity;
            if (t.Number % 5 == 2) return double.NegativeInfinity;
            if (t.Number % 5 == 3)
            {
                t.Report(x, 0);
                throw new TrialPrunedException();
            }
            return x * x;
        }, nTrials: 30);
        Assert.Equal(30, study.Trials.Count);
        Assert.Equal(double.NegativeInfinity, study.BestValue);
    }

    [Fact]
    public void AnEmptySearchSpaceIsFine()
    {
        var study = Study.Create(new StudyOptions { Seed = 3 });
        study.Optimize(_ => 1.0, nTrials: 15);
        Assert.All(study.Trials, t => Assert.Empty(t.Params));
        Assert.Equal(1.0, study.BestValue);
    }

    [Fact]
    public void MultiObjectiveTpeFindsAFront()
    {
        var study = Study.Create(new StudyOptions
        {
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 4 }),
        });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            var y = t.SuggestFloat("y", 0, 1);
            return [x, (1 + y) * (1 - Math.Sqrt(x / (1 + y)))];
        }, nTrials: 60);
        var tpeVolume = Hypervolume.Compute(study.BestTrials, study.Directions, [1.1, 2.2]);
        var random = Study.Create(new StudyOptions { Directions = study.Directions.ToArray(), Sampler = new RandomSampler(4) });
        random.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            var y = t.SuggestFloat("y", 0, 1);
            return [x, (1 + y) * (1 - Math.Sqrt(x / (1 + y)))];
        }, nTrials: 60);
        Assert.True(tpeVolume > Hypervolume.Compute(random.BestTrials, random.Directions, [1.1, 2.2]));
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { Multivariate = false, Group = true }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { NEiCandidates = 0 }));
        Assert.Throws<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions { PriorWeight = 0 }));
    }

    [Fact]
    public void DefaultWeightsFollowOptuna()
    {
        Assert.Empty(TpeSamplerOptions.DefaultWeights(0));
        Assert.Equal(Enumerable.Repeat(1.0, 24), TpeSamplerOptions.DefaultWeights(24));
        var w = TpeSamplerOptions.DefaultWeights(30);
        Assert.Equal(1.0 / 30, w[0], 12);
        Assert.Equal(1.0, w[4], 12);
        Assert.All(w.Skip(5), v => Assert.Equal(1.0, v));
        Assert.Equal(25, TpeSamplerOptions.OptunaGamma(1000));
        Assert.Equal(3, TpeSamplerOptions.OptunaGamma(21));
        Assert.Equal(25, TpeSamplerOptions.DefaultGamma(1000));
        Assert.Equal(4, TpeSamplerOptions.DefaultGamma(21));
    }

    [Fact]
    public void DefaultsBeatOptuna3SettingsOnHartmann6OverSeeds()
    {
        // The defaults' reason to differ from Optuna 3.1.0's: lower regret in the same trials. 20 seeds x 100 trials;
        // a statistical assertion with a margin (the medians differ two- to fourfold in every block of 20 seeds tried).
        double Hartmann6Regret(TpeSamplerOptions options)
        {
            var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(options) });
            study.Optimize(TestFunctions.Hartmann6Objective, nTrials: 100);
            return study.BestValue - TestFunctions.Hartmann6Minimum;
        }
        var ours = Enumerable.Range(0, 20).Select(seed => Hartmann6Regret(new TpeSamplerOptions { Seed = seed })).ToList();
        var optuna = Enumerable.Range(0, 20).Select(seed => Hartmann6Regret(TpeSamplerOptions.Optuna3(seed))).ToList();
        Assert.True(Median(ours) < 0.7 * Median(optuna), $"median regret: defaults {Median(ours):G4}, Optuna 3 settings {Median(optuna):G4}");
    }

    [Fact]
    public void GroupChangesNothingWithoutConditionalParameters()
    {
        double[][] Run(bool group)
        {
            var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, Group = group }) });
            study.Optimize(t => TestFunctions.BraninObjective(t) + t.SuggestInt("k", 0, 4), nTrials: 40);
            return [.. study.Trials.Select(t => t.InternalParams.OrderBy(p => p.Key).Select(p => p.Value).ToArray())];
        }
        Assert.Equal(Run(group: false), Run(group: true));
    }

    /// <summary>
    /// Joint sampling reads the shared history and the columns' normaliser memos: the same relative draw asked from
    /// many threads at once (over a long history) is the draw asked alone.
    /// </summary>
    [Fact]
    public void ConcurrentRelativeDrawsEqualTheSequentialDraw()
    {
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 5 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 300);
        var frozen = study.Ask().Frozen;
        var space = sampler.InferRelativeSearchSpace(study, frozen);
        var expected = sampler.SampleRelative(study, frozen, space);
        Assert.Equal(2, expected.Count);
        var results = new System.Collections.Concurrent.ConcurrentBag<IReadOnlyDictionary<string, double>>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var r = 0; r < 10; r++) results.Add(sampler.SampleRelative(study, frozen, space));
        });
        Assert.Equal(80, results.Count);
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    /// <summary>
    /// Independent sampling reads the shared history, column memos and per-thread working arrays: the same draw asked
    /// from many threads at once (over a long history, so the above estimator has hundreds of kernels) is the draw
    /// asked alone.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ConcurrentIndependentDrawsEqualTheSequentialDraw(bool optuna3)
    {
        var sampler = new TpeSampler(optuna3 ? TpeSamplerOptions.Optuna3(4) : new TpeSamplerOptions { Seed = 4 });
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 300);
        var running = study.Ask();
        var frozen = running.Frozen;
        var domains = new[] { ("x1", new FloatDistribution(-5, 10)), ("x2", new FloatDistribution(0, 15)), ("x3", new FloatDistribution(1e-3, 1, log: true)) };
        var expected = domains.Select(d => sampler.SampleIndependent(study, frozen, d.Item1, d.Item2)).ToArray();
        var results = new System.Collections.Concurrent.ConcurrentBag<(int Domain, double Value)>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var r = 0; r < 40; r++)
            {
                var d = (worker + r) % domains.Length;
                results.Add((d, sampler.SampleIndependent(study, frozen, domains[d].Item1, domains[d].Item2)));
            }
        });
        Assert.Equal(320, results.Count);
        Assert.All(results, r => Assert.Equal(expected[r.Domain], r.Value));
    }

    private static double Regret(ISampler sampler, int parallelism = 1)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 60, parallelism: parallelism);
        return study.BestValue - TestFunctions.BraninMinimum;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
