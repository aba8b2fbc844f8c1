using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AIMass.Training.Models.LinearModels;

/// <summary>
/// Dot products and updates on double spans, four lanes at a time. The lanes and the order they are added in are
/// fixed (no fused multiply-add, no hardware-dependent reduction), so results are the same on every machine.
/// </summary>
internal static class DenseMath
{
    /// <summary><c>sum_i a[i] * b[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector256<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector256<double>>(b[..a.Length]);
        var acc = Vector256<double>.Zero;
        for (var i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        var sum = acc.GetElement(0) + acc.GetElement(1) + (acc.GetElement(2) + acc.GetElement(3));
        for (var i = va.Length * 4; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary><c>y[i] += alpha * x[i]</c>.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        var vx = MemoryMarshal.Cast<double, Vector256<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector256<double>>(y[..x.Length]);
        var va = Vector256.Create(alpha);
        for (var i = 0; i < vx.Length; i++) vy[i] += va * vx[i];
        for (var i = vx.Length * 4; i < x.Length; i++) y[i] += alpha * x[i];
    }

    /// <summary>The largest absolute entry.</summary>
    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        var max = 0.0;
        foreach (var v in a) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
