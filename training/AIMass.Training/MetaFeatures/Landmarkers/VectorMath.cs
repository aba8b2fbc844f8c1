using System.Numerics;
using System.Runtime.InteropServices;

namespace AIMass.Training.MetaFeatures.Landmarkers;

/// <summary>Dot products and scaled additions over double spans, with SIMD where the hardware has it.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            var acc = Vector<double>.Zero;
            for (var v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary><c>y += alpha * x</c>.</summary>
    public static void AddScaled(Span<double> y, double alpha, ReadOnlySpan<double> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<double>.Count)
        {
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..y.Length]);
            var va = new Vector<double>(alpha);
            for (var v = 0; v < vy.Length; v++) vy[v] += va * vx[v];
            i = vy.Length * Vector<double>.Count;
        }
        for (; i < y.Length; i++) y[i] += alpha * x[i];
    }
}
