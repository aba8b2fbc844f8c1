using AIMass.Optimization.Randomness;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

/// <summary>Log densities checked against Optuna 3.1.0's _ParzenEstimator on the same inputs (run on this machine).</summary>
public sealed class ParzenEstimatorTests
{
    private static readonly TpeSamplerOptions Defaults = TpeSamplerOptions.Optuna3();

    [Fact]
    public void ContinuousUnivariateMatchesOptuna()
    {
        var pe = new ParzenEstimator([new FloatDistribution(-5, 10)], [[1.0, 2, 5, -4.5, 9.9, 3.3]], null, Defaults, false);
        AssertClose([-0.93518647362812, -0.75990868838128, -1.01973327663255, -1.24993087778519, -1.18226193439192],
            pe.LogPdf([[0.0, 3, 7, -5, 10]]));
    }

    [Fact]
    public void RampWeightsMatchOptunaForManyObservations()
    {
        var obs = Enumerable.Range(0, 40).Select(i => -5 + 15.0 * i / 39).ToArray();
        var pe = new ParzenEstimator([new FloatDistribution(-5, 10)], [obs], null, Defaults, false);
        AssertClose([-2.84755000688341, -2.80356431399966, -2.82598873605035, -3.54066879832773, -2.79213396527970],
            pe.LogPdf([[0.0, 3, 7, -5, 10]]));
    }

    [Fact]
    public void SteppedIntegersUseProbabilityMassesLikeOptuna()
    {
        var pe = new ParzenEstimator([new IntDistribution(0, 10)], [[1.0, 3, 3, 8]], null, Defaults, false);
        AssertClose([-2.4016928678471667, -1.961938469441612, -2.3347926652499753, -3.1237579510227795], pe.LogPdf([[0.0, 3, 5, 10]]));
    }

    [Fact]
    public void LogIntegersMatchOptuna()
    {
        var pe = new ParzenEstimator([new IntDistribution(1, 64, log: true)], [[2.0, 4, 32]], null, Defaults, false);
        AssertClose([-0.9532502602744832, -0.6545050049858041, -0.8388398457861458, -0.9843058461688778], pe.LogPdf([[1.0, 4, 20, 64]]));
    }

    [Fact]
    public void CategoricalMatchesOptuna()
    {
        var pe = new ParzenEstimator([new CategoricalDistribution(["a", "b", "c"])], [[0.0, 2, 2]], null, Defaults, false);
        AssertClose([-1.0986122886681098, -1.6582280766035324, -0.7419373447293772], pe.LogPdf([[0.0, 1, 2]]));
    }

    [Fact]
    public void MultivariateMatchesOptuna()
    {
        var pe = new ParzenEstimator([new FloatDistribution(0, 1), new FloatDistribution(1e-4, 1, log: true)],
            [[0.1, 0.5, 0.55], [1e-3, 1e-2, 0.5]], null, Defaults, true);
        AssertClose([-1.1573247289121875, -1.1418385557968322], pe.LogPdf([[0.2, 0.5], [0.001, 0.3]]));
    }

    [Fact]
    public void NormalisedDensityIntegratesToOne()
    {
        var options = new TpeSamplerOptions { UnscaledKernelDensity = false };
        var pe = new ParzenEstimator([new FloatDistribution(-5, 10)], [[1.0, 2, 5, -4.5, 9.9, 3.3]], null, options, false);
        const int n = 20000;
        var xs = Enumerable.Range(0, n).Select(i => -5 + 15.0 * (i + 0.5) / n).ToArray();
        var integral = pe.LogPdf([xs]).Sum(lp => Math.Exp(lp)) * 15.0 / n;
        Assert.Equal(1.0, integral, 4);
    }

    [Fact]
    public void SamplesStayInTheDomainAndOnTheGrid()
    {
        var d = new FloatDistribution(0, 1, step: 0.25);
        var pe = new ParzenEstimator([d], [[0.0, 0.25, 1.0]], null, Defaults, false);
        var samples = pe.Sample(new SeededRandom(3), 500)[0];
        Assert.All(samples, s => Assert.True(d.Contains(s), $"{s} outside {d}"));
        Assert.Equal(5, samples.Distinct().Count());
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 9);
    }
}
