using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

/// <summary>
/// TPE's choice for a trial depends only on the seed, the trial number and the finished trials before it: the study's
/// cached, incrementally extended history must therefore give exactly the choices a fresh sampler makes over a fresh
/// study holding the same trials. A lagging or stale cache would break this (and would quietly cost optimisation
/// quality without failing any other test).
/// </summary>
public sealed class TpeReplayTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(7, true)]
    [InlineData(0, false)]
    [InlineData(7, false)]
    public void EveryChoiceOfARunIsTheChoiceOfAFreshSamplerOverTheSameHistory(int seed, bool optuna3)
    {
        TpeSamplerOptions Options() => optuna3 ? TpeSamplerOptions.Optuna3(seed) : new TpeSamplerOptions { Seed = seed };
        var names = Enumerable.Range(0, 4).Select(i => $"x{i}").ToArray();
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(Options()) });
        study.Optimize(trial =>
        {
            var loss = 0.0;
            for (var i = 0; i < names.Length; i++)
            {
                var x = trial.SuggestFloat(names[i], -2, 3);
                loss += (i + 1) * (x - 0.5) * (x - 0.5);
            }
            return loss;
        }, nTrials: 45);
        var trials = study.Trials;
        for (var t = 10; t < trials.Count; t++)
        {
            var fresh = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
            for (var j = 0; j < t; j++) fresh.AddTrial(trials[j]);
            var sampler = new TpeSampler(Options());
            if (optuna3)
            {
                foreach (var name in names)
                {
                    var replayed = sampler.SampleIndependent(fresh, trials[t], name, trials[t].Distributions[name]);
                    Assert.Equal(trials[t].InternalParams[name], replayed);
                }
                continue;
            }
            // The default samples the four jointly: the whole relative draw must come out the same.
            var relative = sampler.SampleRelative(fresh, trials[t], sampler.InferRelativeSearchSpace(fresh, trials[t]));
            Assert.Equal(names, relative.Keys.Order());
            foreach (var name in names) Assert.Equal(trials[t].InternalParams[name], relative[name]);
        }
    }
}
