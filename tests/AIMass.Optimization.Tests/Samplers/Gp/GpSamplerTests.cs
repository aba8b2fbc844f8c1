using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Gp;

namespace AIMass.Optimization.Tests.Samplers.Gp;

public sealed class GpSamplerTests
{
    [Fact]
    public void GpBeatsRandomOnBranin()
    {
        var gp = new List<double>();
        var random = new List<double>();
        for (var seed = 0; seed < 3; seed++)
        {
            gp.Add(Best(new GpSampler(seed)));
            random.Add(Best(new RandomSampler(seed)));
        }
        Assert.True(gp.Average() < random.Average(), $"GP {gp.Average():G4} vs random {random.Average():G4}");
        Assert.True(gp.Min() - TestFunctions.BraninMinimum < 0.05);
    }

    [Fact]
    public void LogExpectedImprovementIsFiniteFarBelowTheIncumbent()
    {
        var (near, _, _) = LogExpectedImprovement.Evaluate(0, 1, 0);
        Assert.Equal(Math.Log(1 / Math.Sqrt(2 * Math.PI)), near, 12);
        var (far, dMean, dSigma) = LogExpectedImprovement.Evaluate(-40, 1, 0);
        Assert.True(double.IsFinite(far) && far < -800);
        Assert.True(dMean > 0 && dSigma > 0);
        // Continuity across the switch between the direct and the asymptotic forms: the step matches the slope
        // d log EI / dz = Φ(z)/h(z), about 25.1 at z = -25.
        var a = LogExpectedImprovement.Evaluate(-24.999, 1, 0).Value;
        var b = LogExpectedImprovement.Evaluate(-25.001, 1, 0).Value;
        Assert.InRange((a - b) / 0.002, 24.9, 25.3);
    }

    private static double Best(ISampler sampler)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(TestFunctions.BraninObjective, nTrials: 30);
        return study.BestValue;
    }
}
