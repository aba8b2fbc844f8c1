using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

public sealed class TpeBeatsRandomTests
{
    [Fact]
    public void TpeBeatsRandomOnBraninOverSeeds()
    {
        // 20 seeds x 60 trials: TPE's median regret must be well below random search's.
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

    private static double Regret(ISampler sampler)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 60);
        return study.BestValue - TestFunctions.BraninMinimum;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
