using System.Numerics;

namespace AIMass.Optimization.Numerics;

/// <summary>Vectorised loops over spans of doubles for the kernel-density hot paths (scalar tails, same results as scalar code up to rounding).</summary>
internal static class SpanMath
{
    /// <summary>dst[i] = log(src[i]).</summary>
    public static void Log(ReadOnlySpan<double> src, Span<double> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= src.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector.Log(new Vector<double>(src[i..])).CopyTo(dst[i..]);
            }
        }
        for (; i < src.Length; i++) dst[i] = Math.Log(src[i]);
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
    /// Σ exp(v − max) over the values above max − <paramref name="cutoffLog"/>: blocks of values all at or below it are
    /// skipped without an exp (values at −∞ add nothing).
    /// </summary>
    public static double SumExp(ReadOnlySpan<double> values, double max, double cutoffLog)
    {
        var cutoff = max - cutoffLog;
        var sum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vsum = Vector<double>.Zero;
            var vmax = new Vector<double>(max);
            var vcut = new Vector<double>(cutoff);
            var floor = new Vector<double>(-700);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                if (Vector.GreaterThanAny(v, vcut)) vsum += Vector.Exp(Vector.Max(v - vmax, floor));
            }
            sum = Vector.Sum(vsum);
        }
        for (; i < values.Length; i++)
        {
            if (values[i] > cutoff) sum += Math.Exp(values[i] - max);
        }
        return sum;
    }
}
