using MathNet.Numerics;

namespace AIMass.Optimization.Numerics;

/// <summary>Standard normal functions with care in the tails (log CDF, interval masses, truncated sampling).</summary>
internal static class Gaussian
{
    public const double LogSqrt2Pi = 0.91893853320467274178;
    private const double Sqrt2 = 1.41421356237309504880;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Standard normal density.</summary>
    public static double Pdf(double z) => InvSqrt2Pi * Math.Exp(-0.5 * z * z);

    /// <summary>Standard normal CDF.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);

    /// <summary>log Φ(z), accurate far into the lower tail.</summary>
    public static double LogCdf(double z)
    {
        if (z > -20) return Math.Log(Cdf(z));
        // Asymptotic series of the Mills ratio for very negative z.
        var z2 = z * z;
        var series = 1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2);
        return -0.5 * z2 - Math.Log(-z) - LogSqrt2Pi + Math.Log(series);
    }

    /// <summary>log(Φ(b) − Φ(a)) for a &lt; b, accurate in either tail.</summary>
    public static double LogMass(double a, double b)
    {
        if (b <= a) return double.NegativeInfinity;
        if (a > 0)
        {
            (a, b) = (-b, -a);
        }
        if (b <= 0)
        {
            var lb = LogCdf(b);
            var la = LogCdf(a);
            return lb + Log1mExp(la - lb);
        }
        // a <= 0 < b: the mass is at least Φ(b) − 0.5, no cancellation trouble.
        return Math.Log(Cdf(b) - Cdf(a));
    }

    /// <summary>log(1 − e^x) for x ≤ 0.</summary>
    public static double Log1mExp(double x) =>
        x > -0.6931471805599453 ? Math.Log(-double.ExpM1(x)) : double.LogP1(-Math.Exp(x));

    /// <summary>Inverse standard normal CDF.</summary>
    public static double InvCdf(double p) => -Sqrt2 * SpecialFunctions.ErfcInv(2 * p);

    /// <summary>A draw from the standard normal truncated to [a, b], by inverting the CDF (reflected into the lower tail).</summary>
    public static double SampleTruncated(double a, double b, double u)
    {
        var flip = a > 0;
        if (flip) (a, b) = (-b, -a);
        var pa = Cdf(a);
        var pb = Cdf(b);
        double z;
        if (pb - pa > 1e-300)
        {
            z = InvCdf(pa + u * (pb - pa));
        }
        else
        {
            z = a + u * (b - a);
        }
        if (double.IsNaN(z) || z < a) z = a;
        if (z > b) z = b;
        return flip ? -z : z;
    }
}
