using System.Numerics;
using System.Runtime.Intrinsics;

namespace AIMass.Optimization.Numerics;

/// <summary>Vectorised loops over spans of doubles for the kernel-density hot paths (scalar tails, same results as scalar code up to rounding).</summary>
internal static class SpanMath
{
    /// <summary>dst[i] = log(src[i]).</summary>
    public static void Log(ReadOnlySpan<double> src, Span<double> dst)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // The runtime's 256-bit vector log of doubles is no faster than the scalar one; its 512-bit one is.
            for (; i <= src.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512.Log(Vector512.Create(src[i..])).CopyTo(dst[i..]);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            for (; i <= src.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector.Log(new Vector<double>(src[i..])).CopyTo(dst[i..]);
            }
        }
        for (; i < src.Length; i++) dst[i] = Math.Log(src[i]);
    }

    /// <summary>dst[i] = 1 / src[i].</summary>
    public static void Reciprocal(ReadOnlySpan<double> src, Span<double> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= src.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (Vector<double>.One / new Vector<double>(src[i..])).CopyTo(dst[i..]);
            }
        }
        for (; i < src.Length; i++) dst[i] = 1 / src[i];
    }

    /// <summary>The largest value (−∞ for none).</summary>
    public static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vmax = new Vector<double>(double.NegativeInfinity);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count) vmax = Vector.Max(vmax, new Vector<double>(values[i..]));
            for (var j = 0; j < Vector<double>.Count; j++) max = Math.Max(max, vmax[j]);
        }
        for (; i < values.Length; i++) max = Math.Max(max, values[i]);
        return max;
    }

    /// <summary>
    /// dst[k] = offset[k] − ½ ((x − mu[k]) · inv[k])², the log density of each Gaussian kernel at x up to its
    /// constant <paramref name="offset"/>; returns the largest.
    /// </summary>
    public static double OffsetMinusHalfSquare(ReadOnlySpan<double> offset, ReadOnlySpan<double> mu, ReadOnlySpan<double> inv, double x, Span<double> dst)
    {
        var count = offset.Length;
        var max = double.NegativeInfinity;
        var k = 0;
        if (Vector.IsHardwareAccelerated && count >= Vector<double>.Count)
        {
            var vx = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            var vmax = new Vector<double>(double.NegativeInfinity);
            for (; k <= count - Vector<double>.Count; k += Vector<double>.Count)
            {
                var z = (vx - new Vector<double>(mu[k..])) * new Vector<double>(inv[k..]);
                var v = new Vector<double>(offset[k..]) - half * z * z;
                v.CopyTo(dst[k..]);
                vmax = Vector.Max(vmax, v);
            }
            for (var j = 0; j < Vector<double>.Count; j++) max = Math.Max(max, vmax[j]);
        }
        for (; k < count; k++)
        {
            var z = (x - mu[k]) * inv[k];
            var v = offset[k] - 0.5 * z * z;
            dst[k] = v;
            max = Math.Max(max, v);
        }
        return max;
    }

    /// <summary>acc[k] −= ½ ((x − mu[k]) · inv[k])².</summary>
    public static void SubtractHalfSquare(ReadOnlySpan<double> mu, ReadOnlySpan<double> inv, double x, Span<double> acc)
    {
        var count = acc.Length;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            for (; k <= count - Vector<double>.Count; k += Vector<double>.Count)
            {
                var z = (vx - new Vector<double>(mu[k..])) * new Vector<double>(inv[k..]);
                (new Vector<double>(acc[k..]) - half * z * z).CopyTo(acc[k..]);
            }
        }
        for (; k < count; k++)
        {
            var z = (x - mu[k]) * inv[k];
            acc[k] -= 0.5 * z * z;
        }
    }

    /// <summary>
    /// Σ exp(v − max) over the values above max − <paramref name="cutoffLog"/>: vectors of values all at or below it
    /// are skipped without an exp (values at −∞ add nothing). 512-bit vectors and the runtime's exp where the hardware
    /// has them, else <see cref="ExpNonPositive(Vector{double})"/>.
    /// </summary>
    public static double SumExp(ReadOnlySpan<double> values, double max, double cutoffLog)
    {
        var cutoff = max - cutoffLog;
        var sum = 0.0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<double>.Count)
        {
            var vsum = Vector512<double>.Zero;
            var vmax = Vector512.Create(max);
            var vcut = Vector512.Create(cutoff);
            var floor = Vector512.Create(-700.0);
            for (; i <= values.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var v = Vector512.Create(values[i..]);
                if (Vector512.GreaterThanAny(v, vcut)) vsum += Vector512.Exp(Vector512.Max(v - vmax, floor));
            }
            sum = Vector512.Sum(vsum);
        }
        else if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vsum = Vector<double>.Zero;
            var vmax = new Vector<double>(max);
            var vcut = new Vector<double>(cutoff);
            var floor = new Vector<double>(-700);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                if (Vector.GreaterThanAny(v, vcut)) vsum += ExpNonPositive(Vector.Max(v - vmax, floor));
            }
            sum = Vector.Sum(vsum);
        }
        for (; i < values.Length; i++)
        {
            if (values[i] > cutoff) sum += ExpNonPositive(Math.Max(values[i] - max, -700));
        }
        return sum;
    }

    private const double Log2E = 1.4426950408889634074;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double RoundMagic = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer in the low bits.

    /// <summary>
    /// e^x for x in [−700, 0], lane-wise, to within a few ulp: x = k ln 2 + r with |r| ≤ ½ ln 2, e^r by its Taylor
    /// polynomial of degree 13 (Estrin), 2^k from the exponent bits. Plain AVX2 operations (the runtime's Vector.Exp of doubles
    /// is no faster than scalar Math.Exp on 256-bit vectors); without fused multiply-adds, so the scalar overload gives
    /// the same bits.
    /// </summary>
    public static Vector<double> ExpNonPositive(Vector<double> x)
    {
        var magic = new Vector<double>(RoundMagic);
        var shifted = x * new Vector<double>(Log2E) + magic;
        var k = shifted - magic;
        var r = x - k * new Vector<double>(Ln2Hi) - k * new Vector<double>(Ln2Lo);
        // Estrin's scheme: short dependency chains.
        var r2 = r * r;
        var r4 = r2 * r2;
        var q0 = (Vector<double>.One + r) + r2 * (new Vector<double>(1.0 / 2) + r * new Vector<double>(1.0 / 6));
        var q1 = (new Vector<double>(1.0 / 24) + r * new Vector<double>(1.0 / 120)) + r2 * (new Vector<double>(1.0 / 720) + r * new Vector<double>(1.0 / 5040));
        var q2 = (new Vector<double>(1.0 / 40320) + r * new Vector<double>(1.0 / 362880)) + r2 * (new Vector<double>(1.0 / 3628800) + r * new Vector<double>(1.0 / 39916800));
        var q3 = new Vector<double>(1.0 / 479001600) + r * new Vector<double>(1.0 / 6227020800);
        var p = (q0 + r4 * q1) + (r4 * r4) * (q2 + r4 * q3);
        var bits = Vector.AsVectorInt64(shifted) - Vector.AsVectorInt64(magic) + new Vector<long>(1023);
        return p * Vector.AsVectorDouble(Vector.ShiftLeft(bits, 52));
    }

    /// <summary>The scalar <see cref="ExpNonPositive(Vector{double})"/>.</summary>
    public static double ExpNonPositive(double x)
    {
        var shifted = x * Log2E + RoundMagic;
        var k = shifted - RoundMagic;
        var r = x - k * Ln2Hi - k * Ln2Lo;
        var r2 = r * r;
        var r4 = r2 * r2;
        var q0 = (1.0 + r) + r2 * (1.0 / 2 + r * (1.0 / 6));
        var q1 = (1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720 + r * (1.0 / 5040));
        var q2 = (1.0 / 40320 + r * (1.0 / 362880)) + r2 * (1.0 / 3628800 + r * (1.0 / 39916800));
        var q3 = 1.0 / 479001600 + r * (1.0 / 6227020800);
        var p = (q0 + r4 * q1) + (r4 * r4) * (q2 + r4 * q3);
        var bits = BitConverter.DoubleToInt64Bits(shifted) - BitConverter.DoubleToInt64Bits(RoundMagic) + 1023;
        return p * BitConverter.Int64BitsToDouble(bits << 52);
    }
}
