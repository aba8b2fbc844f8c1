namespace AIMass.Training.Models.LinearModels;

/// <summary>
/// Ridge regression with an unpenalised intercept in closed form: on centred features and targets,
/// <c>(Xc^T Xc + alpha I) w = Xc^T yc</c> solved by Cholesky in double, then <c>b = mean(y) - mean(x) . w</c>.
/// </summary>
internal static class RidgeSolver
{
    /// <summary>Coefficients and intercept for row-major <paramref name="x"/> (<c>[rows, features]</c>) and <paramref name="y"/>.</summary>
    public static (double[] Weights, double Intercept) Solve(double[] x, double[] y, int rows, int features, double alpha)
    {
        var mean = new double[features];
        for (var i = 0; i < rows; i++) DenseMath.Axpy(1.0 / rows, x.AsSpan(i * features, features), mean);
        var yMean = 0.0;
        for (var i = 0; i < rows; i++) yMean += y[i];
        yMean /= rows;
        var gram = new double[features * features]; // lower triangle, row-major
        var rhs = new double[features];
        var centred = new double[features];
        for (var i = 0; i < rows; i++)
        {
            var row = x.AsSpan(i * features, features);
            for (var j = 0; j < features; j++) centred[j] = row[j] - mean[j];
            for (var j = 0; j < features; j++)
            {
                if (centred[j] != 0) DenseMath.Axpy(centred[j], centred.AsSpan(0, j + 1), gram.AsSpan(j * features, j + 1));
            }
            DenseMath.Axpy(y[i] - yMean, centred, rhs);
        }
        var weights = SolveSpd(gram, rhs, features, alpha);
        return (weights, yMean - DenseMath.Dot(mean, weights));
    }

    /// <summary>
    /// Solves <c>(A + alpha I) w = rhs</c> for a symmetric positive semi-definite <c>A</c> given by its lower triangle.
    /// Should rounding leave a non-positive pivot (alpha tiny against collinear columns), a small ridge is added and it
    /// is tried again.
    /// </summary>
    public static double[] SolveSpd(double[] lower, double[] rhs, int n, double alpha)
    {
        var trace = 0.0;
        for (var j = 0; j < n; j++) trace += lower[j * n + j];
        var jitter = 0.0;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var factor = (double[])lower.Clone();
            for (var j = 0; j < n; j++) factor[j * n + j] += alpha + jitter;
            if (Cholesky(factor, n)) return Substitute(factor, rhs, n);
            jitter = jitter == 0 ? 1e-12 * Math.Max(trace / Math.Max(n, 1), 1) : jitter * 10;
        }
        throw new InvalidOperationException("The ridge system is not positive definite.");
    }

    /// <summary>In-place Cholesky <c>A = L L^T</c> of the lower triangle; false on a non-positive pivot.</summary>
    private static bool Cholesky(double[] a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            var pivot = a[j * n + j] - DenseMath.Dot(rowJ, rowJ);
            if (!(pivot > 0)) return false;
            var diagonal = Math.Sqrt(pivot);
            a[j * n + j] = diagonal;
            for (var i = j + 1; i < n; i++) a[i * n + j] = (a[i * n + j] - DenseMath.Dot(a.AsSpan(i * n, j), rowJ)) / diagonal;
        }
        return true;
    }

    /// <summary>Solves <c>L L^T w = rhs</c>.</summary>
    private static double[] Substitute(double[] l, double[] rhs, int n)
    {
        var z = new double[n];
        for (var i = 0; i < n; i++) z[i] = (rhs[i] - DenseMath.Dot(l.AsSpan(i * n, i), z.AsSpan(0, i))) / l[i * n + i];
        var w = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < n; k++) sum -= l[k * n + i] * w[k];
            w[i] = sum / l[i * n + i];
        }
        return w;
    }
}
