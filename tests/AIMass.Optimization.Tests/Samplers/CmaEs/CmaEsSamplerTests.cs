using AIMass.Optimization.Samplers.CmaEs;

namespace AIMass.Optimization.Tests.Samplers.CmaEs;

public sealed class CmaEsSamplerTests
{
    [Fact]
    public void ConvergesOnASphere()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(seed: 1) });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", -5, 5);
            var y = t.SuggestFloat("y", -5, 5);
            var z = t.SuggestFloat("z", -5, 5);
            return x * x + y * y + z * z;
        }, nTrials: 300);
        Assert.True(study.BestValue < 1e-4, $"best {study.BestValue}");
    }

    [Fact]
    public void RestartsWithALargerPopulationWhenItStalls()
    {
        // A plateau: once every value of a generation is 0, nothing changes and the run restarts (IPOP).
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(seed: 1) });
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", -5, 5);
            var y = t.SuggestFloat("y", -5, 5);
            var z = t.SuggestFloat("z", -5, 5);
            return Math.Floor(x * x + y * y + z * z);
        }, nTrials: 400);
        Assert.Equal(0, study.BestValue);
        var restarts = study.Trials.Select(t => t.SystemAttributes.GetValueOrDefault("cmaes:restart")).OfType<int>().Max();
        Assert.True(restarts >= 1, "expected at least one restart after convergence");
        var state = (IReadOnlyDictionary<string, object?>)study.SystemAttributes["cmaes:state"]!;
        Assert.True((int)state["population_size"]! > 7, "IPOP doubles the population on restart");
    }

    [Fact]
    public void OneDimensionalSpacesFallBackToRandomSampling()
    {
        var study = Study.Create(new StudyOptions { Sampler = new CmaEsSampler(seed: 1) });
        study.Optimize(t => Math.Abs(t.SuggestFloat("x", -1, 1)), nTrials: 10);
        Assert.DoesNotContain(study.Trials, t => t.SystemAttributes.ContainsKey("cmaes:generation"));
    }
}
