using System.Numerics;
using AIMass.Optimization.Numerics;
using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Tests.Numerics;

/// <summary>The vectorised kernels of the Parzen estimator's hot loops against plain scalar arithmetic.</summary>
public sealed class SpanMathTests
{
    [Fact]
    public void ExpOfNonPositiveValuesIsAccurateToAFewUlpAndTheSameInVectorAndScalarForm()
    {
        var rng = new SeededRandom(3);
        for (var i = 0; i < 20000; i++)
        {
            var x = i switch
            {
                0 => 0.0,
                1 => -700.0,
                2 => -0.5 * Math.Log(2),
                _ => -rng.NextDouble() * (i % 2 == 0 ? 2 : 700),
            };
            var expected = Math.Exp(x);
            var scalar = SpanMath.ExpNonPositive(x);
            Assert.True(Math.Abs(scalar - expected) <= 1e-15 * expected, $"exp({x:R}) = {expected:R}, got {scalar:R}");
            Assert.Equal(scalar, SpanMath.ExpNonPositive(new Vector<double>(x))[0]);
        }
    }

    [Fact]
    public void SumExpAddsTheTermsAboveTheCutoff()
    {
        var rng = new SeededRandom(4);
        foreach (var length in new[] { 0, 1, 3, 8, 17, 100 })
        {
            var values = new double[length];
            for (var i = 0; i < length; i++) values[i] = i % 5 == 0 ? double.NegativeInfinity : -rng.NextDouble() * 80;
            var max = length == 0 ? 0 : values.Max();
            var expected = 0.0;
            foreach (var v in values)
            {
                if (v > max - 50) expected += Math.Exp(v - max);
            }
            var actual = SpanMath.SumExp(values, max, 50);
            // Whole vectors below the cutoff are skipped, lone terms below it inside a kept vector add at most e^−50 each.
            Assert.True(Math.Abs(actual - expected) <= 1e-13 * Math.Max(1, expected) + length * Math.Exp(-50), $"length {length}: {expected:R} vs {actual:R}");
        }
    }

    [Fact]
    public void LogAndReciprocalMatchTheScalarFunctions()
    {
        var rng = new SeededRandom(5);
        var src = new double[37];
        for (var i = 0; i < src.Length; i++) src[i] = 1e-3 + rng.NextDouble() * 50;
        var log = new double[src.Length];
        var inv = new double[src.Length];
        SpanMath.Log(src, log);
        SpanMath.Reciprocal(src, inv);
        for (var i = 0; i < src.Length; i++)
        {
            Assert.Equal(Math.Log(src[i]), log[i], 1e-14);
            Assert.Equal(1 / src[i], inv[i]);
        }
    }
}
