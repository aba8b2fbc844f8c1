using AIMass.Optimization.Samplers.Nsga2;

namespace AIMass.Optimization.Tests.Samplers.Nsga2;

public sealed class NsgaIISamplerTests
{
    private static double[] Schaffer(Trial t)
    {
        var x = t.SuggestFloat("x", -10, 10);
        var y = t.SuggestFloat("y", -10, 10);
        var z = t.SuggestFloat("z", -10, 10);
        return [x * x + y * y + z * z, (x - 2) * (x - 2) + y * y + z * z];
    }

    [Fact]
    public void GenerationsAdvanceAndParentsAreCached()
    {
        var study = Study.Create(new StudyOptions
        {
            Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
            Sampler = new NsgaIISampler(new NsgaIISamplerOptions { Seed = 1, PopulationSize = 10 }),
        });
        study.Optimize(Schaffer, nTrials: 60);
        var generations = study.Trials.Select(t => (int)t.SystemAttributes["nsga2:generation"]!).ToArray();
        Assert.Equal(0, generations[0]);
        Assert.Equal(5, generations[^1]);
        Assert.True(study.SystemAttributes.ContainsKey("nsga2:parents:0"));
        // Later generations move towards the Pareto set (y = z = 0, x in [0, 2]).
        static double Sum(FrozenTrial t) => t.Values![0] + t.Values[1];
        var first = study.Trials.Take(10).Average(Sum);
        var last = study.Trials.Skip(50).Average(Sum);
        Assert.True(last < 0.5 * first, $"generation 0 mean {first:G4}, generation 5 mean {last:G4}");
    }

    [Fact]
    public void EliteSelectionPrefersFrontsThenSpread()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize], Seed = 1 });
        foreach (var v in new[] { (0.0, 4.0), (1.0, 1.0), (4.0, 0.0), (2.0, 2.0), (0.5, 2.5), (5.0, 5.0) }) study.Tell(study.Ask(), [v.Item1, v.Item2]);
        var elite = NsgaIISampler.SelectElite([.. study.Trials], study.Directions, 4);
        // Front {0,1,2,4} fills the elite exactly.
        Assert.Equal([0, 1, 2, 4], elite.Select(t => t.Number).OrderBy(n => n));
        var three = NsgaIISampler.SelectElite([.. study.Trials], study.Directions, 3);
        // Crowding keeps both extremes (infinite distance).
        Assert.Contains(three, t => t.Number == 0);
        Assert.Contains(three, t => t.Number == 2);
    }
}
