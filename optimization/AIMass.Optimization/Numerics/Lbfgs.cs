namespace AIMass.Optimization.Numerics;

/// <summary>
/// Limited-memory BFGS with an Armijo backtracking line search and, optionally, box bounds handled by projection
/// (steps are clipped into the box and the memory is reset when a bound becomes active). Deterministic.
/// </summary>
internal static class Lbfgs
{
    /// <summary>The objective: returns f(x) and writes ∇f(x) into the second argument.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public static (double[] X, double F) Minimize(Objective f, double[] x0, double[]? lower = null, double[]? upper = null,
        int maxIterations = 100, int memory = 8, double tolerance = 1e-7)
    {
        var n = x0.Length;
        var x = (double[])x0.Clone();
        Project(x, lower, upper);
        var g = new double[n];
        var fx = f(x, g);
        if (!double.IsFinite(fx)) return (x, fx);
        var sList = new List<double[]>();
        var yList = new List<double[]>();
        var rhoList = new List<double>();
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var pgNorm = 0.0;
            for (var i = 0; i < n; i++)
            {
                var pg = ProjectedGradient(x[i], g[i], lower?[i], upper?[i]);
                pgNorm = Math.Max(pgNorm, Math.Abs(pg));
            }
            if (pgNorm < tolerance) break;
            TwoLoop(g, sList, yList, rhoList, direction);
            for (var i = 0; i < n; i++)
            {
                // Do not push against an active bound.
                if ((lower is not null && x[i] <= lower[i] && direction[i] < 0) || (upper is not null && x[i] >= upper[i] && direction[i] > 0)) direction[i] = 0;
            }
            var slope = 0.0;
            for (var i = 0; i < n; i++) slope += g[i] * direction[i];
            if (!(slope < 0))
            {
                for (var i = 0; i < n; i++) direction[i] = -ProjectedGradient(x[i], g[i], lower?[i], upper?[i]);
                slope = 0;
                for (var i = 0; i < n; i++) slope += g[i] * direction[i];
                sList.Clear();
                yList.Clear();
                rhoList.Clear();
                if (!(slope < 0)) break;
            }
            var step = 1.0;
            double fNew = double.NaN;
            var accepted = false;
            for (var ls = 0; ls < 40; ls++)
            {
                for (var i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
                Project(xNew, lower, upper);
                var decrease = 0.0;
                for (var i = 0; i < n; i++) decrease += g[i] * (xNew[i] - x[i]);
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * decrease)
                {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) break;
            var s = new double[n];
            var y = new double[n];
            var sy = 0.0;
            for (var i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
                sy += s[i] * y[i];
            }
            var improvement = fx - fNew;
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            fx = fNew;
            if (sy > 1e-12)
            {
                sList.Add(s);
                yList.Add(y);
                rhoList.Add(1 / sy);
                if (sList.Count > memory)
                {
                    sList.RemoveAt(0);
                    yList.RemoveAt(0);
                    rhoList.RemoveAt(0);
                }
            }
            if (improvement < tolerance * Math.Max(1, Math.Abs(fx))) break;
        }
        return (x, fx);
    }

    private static void TwoLoop(double[] g, List<double[]> s, List<double[]> y, List<double> rho, double[] direction)
    {
        var n = g.Length;
        var q = (double[])g.Clone();
        var alpha = new double[s.Count];
        for (var k = s.Count - 1; k >= 0; k--)
        {
            var a = 0.0;
            for (var i = 0; i < n; i++) a += s[k][i] * q[i];
            a *= rho[k];
            alpha[k] = a;
            for (var i = 0; i < n; i++) q[i] -= a * y[k][i];
        }
        var gamma = 1.0;
        if (s.Count > 0)
        {
            var last = s.Count - 1;
            double sy = 0, yy = 0;
            for (var i = 0; i < n; i++)
            {
                sy += s[last][i] * y[last][i];
                yy += y[last][i] * y[last][i];
            }
            if (yy > 0) gamma = sy / yy;
        }
        for (var i = 0; i < n; i++) q[i] *= gamma;
        for (var k = 0; k < s.Count; k++)
        {
            var b = 0.0;
            for (var i = 0; i < n; i++) b += y[k][i] * q[i];
            b *= rho[k];
            for (var i = 0; i < n; i++) q[i] += s[k][i] * (alpha[k] - b);
        }
        for (var i = 0; i < n; i++) direction[i] = -q[i];
    }

    private static double ProjectedGradient(double x, double g, double? lower, double? upper)
    {
        if (lower is { } l && x <= l && g > 0) return 0;
        if (upper is { } u && x >= u && g < 0) return 0;
        return g;
    }

    private static void Project(double[] x, double[]? lower, double[]? upper)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (lower is not null && x[i] < lower[i]) x[i] = lower[i];
            if (upper is not null && x[i] > upper[i]) x[i] = upper[i];
        }
    }
}
