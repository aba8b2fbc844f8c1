using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AIMass.Training.Models.LinearModels;

namespace AIMass.Training.Models.Kernel;

/// <summary>
/// The linear algebra of kernel ridge regression, in double: the RBF kernel, and the solve of
/// <c>(K + alpha I) A = Y</c> for every output column at once through one Cholesky factorisation. One <c>n x n</c>
/// matrix is allocated (32 MB at 2,000 rows): the factor overwrites its lower triangle while the strict upper triangle
/// keeps the kernel, from which the matrix is rebuilt should rounding leave a non-positive pivot (a small ridge is then
/// added and it is tried again). Every entry is computed the same way whatever the thread count, so results do not
/// depend on it.
/// </summary>
internal static class KernelRidgeSolver
{
    /// <summary>Rows of the factor finished together: the rows above are read once per block while they sit in cache.</summary>
    private const int Block = 64;

    /// <summary>The most rows <see cref="Solve"/> takes (the matrix's entries must fit an array's index).</summary>
    public const int MaxRows = 40_000;

    /// <summary>
    /// Dual coefficients, column-major <c>[outputs, rows]</c>, for row-major support rows <paramref name="x"/>
    /// (<c>[rows, features]</c>) and targets <paramref name="y"/> (column-major <c>[outputs, rows]</c>).
    /// </summary>
    public static double[] Solve(double[] x, int rows, int features, double[] y, int outputs, double scale, double alpha, int threads)
    {
        if (rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(rows), $"A kernel ridge fit keeps at most {MaxRows} rows.");
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        var a = new double[rows * rows];
        Parallel.For(0, rows, options, i =>
        {
            var xi = x.AsSpan(i * features, features);
            for (var j = 0; j < i; j++) a[j * rows + i] = a[i * rows + j] = Rbf(xi, x.AsSpan(j * features, features), scale);
        });
        var jitter = 0.0;
        for (var attempt = 0; ; attempt++)
        {
            for (var i = 0; i < rows; i++) a[i * rows + i] = 1 + alpha + jitter; // k(x, x) = 1
            if (Factor(a, rows, options)) break;
            if (attempt == 8) throw new InvalidOperationException("The kernel ridge system is not positive definite.");
            jitter = jitter == 0 ? 1e-10 : jitter * 10;
            Parallel.For(0, rows, options, i =>
            {
                for (var j = 0; j < i; j++) a[i * rows + j] = a[j * rows + i];
            });
        }
        var coefficients = new double[y.Length];
        Parallel.For(0, outputs, options, c => Substitute(a, rows, y.AsSpan(c * rows, rows), coefficients.AsSpan(c * rows, rows)));
        return coefficients;
    }

    /// <summary><c>exp(-scale * |a - b|^2)</c>.</summary>
    public static double Rbf(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double scale) => Math.Exp(-scale * SquaredDistance(a, b));

    /// <summary><c>sum_j (a[j] - b[j])^2</c>, four lanes at a time in a fixed order (the same on every machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector256<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector256<double>>(b[..a.Length]);
        var acc = Vector256<double>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            var diff = va[i] - vb[i];
            acc += diff * diff;
        }
        var sum = acc.GetElement(0) + acc.GetElement(1) + (acc.GetElement(2) + acc.GetElement(3));
        for (var i = va.Length * 4; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }

    /// <summary>
    /// In-place Cholesky <c>A = L L^T</c> of the lower triangle of row-major <paramref name="a"/>, a block of rows at a
    /// time: first the block's entries left of it (its rows split among the threads, each walking the finished rows in
    /// order), then the triangle on the diagonal. The strict upper triangle is not touched. False on a non-positive pivot.
    /// </summary>
    private static bool Factor(double[] a, int n, ParallelOptions options)
    {
        for (var start = 0; start < n; start += Block)
        {
            var end = Math.Min(n, start + Block);
            var chunks = Math.Min(options.MaxDegreeOfParallelism, end - start);
            if (start > 0)
            {
                Parallel.For(0, chunks, options, chunk =>
                {
                    var (from, to) = (start + (end - start) * chunk / chunks, start + (end - start) * (chunk + 1) / chunks);
                    for (var j = 0; j < start; j++)
                    {
                        var rowJ = a.AsSpan(j * n, j);
                        var diagonal = a[j * n + j];
                        for (var i = from; i < to; i++) a[i * n + j] = (a[i * n + j] - DenseMath.Dot(a.AsSpan(i * n, j), rowJ)) / diagonal;
                    }
                });
            }
            for (var i = start; i < end; i++)
            {
                var rowI = a.AsSpan(i * n, i);
                for (var j = start; j < i; j++) rowI[j] = (rowI[j] - DenseMath.Dot(rowI[..j], a.AsSpan(j * n, j))) / a[j * n + j];
                var pivot = a[i * n + i] - DenseMath.Dot(rowI, rowI);
                if (!(pivot > 0)) return false;
                a[i * n + i] = Math.Sqrt(pivot);
            }
        }
        return true;
    }

    /// <summary>Solves <c>L L^T w = y</c> for the factor in the lower triangle of <paramref name="l"/>; both sweeps read rows of <c>L</c>.</summary>
    private static void Substitute(double[] l, int n, ReadOnlySpan<double> y, Span<double> w)
    {
        for (var i = 0; i < n; i++) w[i] = (y[i] - DenseMath.Dot(l.AsSpan(i * n, i), w[..i])) / l[i * n + i];
        for (var i = n - 1; i >= 0; i--)
        {
            w[i] /= l[i * n + i];
            DenseMath.Axpy(-w[i], l.AsSpan(i * n, i), w[..i]);
        }
    }
}
