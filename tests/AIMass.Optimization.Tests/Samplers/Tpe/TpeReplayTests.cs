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
    [InlineData(0)]
    [InlineData(7)]
    public void EveryChoiceOfARunIsTheChoiceOfAFreshSamplerOverTheSameHistory(int seed)
    {
        var names = Enumerable.Range(0, 4).Select(i => $"x{i}").ToArray();
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }) });
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
            var sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed });
            foreach (var name in names)
            {
                var replayed = sampler.SampleIndependent(fresh, trials[t], name, trials[t].Distributions[name]);
                Assert.Equal(trials[t].InternalParams[name], replayed);
            }
        }
    }
}
