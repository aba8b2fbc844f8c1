using AIMass.Optimization.Samplers.Qmc;

namespace AIMass.Optimization.Tests.Samplers.Qmc;

public sealed class SobolSequenceTests
{
    [Fact]
    public void FirstPointsMatchSciPy()
    {
        // scipy.stats.qmc.Sobol(d=5, scramble=False).random(8) on this machine.
        double[][] expected =
        [
            [0.0, 0.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75], [0.25, 0.75, 0.75, 0.75, 0.25],
            [0.375, 0.375, 0.625, 0.875, 0.375], [0.875, 0.875, 0.125, 0.375, 0.875], [0.625, 0.125, 0.875, 0.625, 0.625],
            [0.125, 0.625, 0.375, 0.125, 0.125],
        ];
        var sobol = new SobolSequence(5);
        for (var i = 0; i < expected.Length; i++)
        {
            for (var d = 0; d < 5; d++) Assert.Equal(expected[i][d], sobol.Coordinate(i, d));
        }
    }

    [Fact]
    public void EachDimensionIsStratified()
    {
        var sobol = new SobolSequence(SobolSequence.MaxDimensions);
        foreach (var d in new[] { 0, 7, 100, 255 })
        {
            var cells = Enumerable.Range(0, 64).Select(i => (int)(sobol.Coordinate(i, d, shift: 0x9E3779B9u) * 64)).Distinct().Count();
            Assert.Equal(64, cells);
        }
    }
}
