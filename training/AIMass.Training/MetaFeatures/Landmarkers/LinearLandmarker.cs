namespace AIMass.Training.MetaFeatures.Landmarkers;

/// <summary>
/// A linear model with an intercept. Classes: multinomial logistic regression with an L2 penalty of
/// <see cref="Penalty"/>, fitted by <see cref="Iterations"/> steps of Nesterov-accelerated gradient descent with step
/// 1/L (L bounds the loss's curvature: half the largest eigenvalue of XᵀX/n, by power iteration, plus the penalty).
/// Values: ridge regression, solved exactly (Cholesky) with penalty <see cref="RidgePenalty"/> on centred data.
/// </summary>
internal static class LinearLandmarker
{
    /// <summary>L2 penalty of the logistic regression (per row, on standardised features).</summary>
    public const double Penalty = 1e-3;

    /// <summary>Gradient steps of the logistic regression.</summary>
    public const int Iterations = 150;

    /// <summary>Ridge penalty (on the sum of squares, standardised features).</summary>
    public const double RidgePenalty = 1.0;

    public static double Score(LandmarkData data) => data.IsClassification ? Classify(data) : Regress(data);

    private static double Classify(LandmarkData data)
    {
        var x = data.TrainX;
        var n = x.Length;
        var d = data.Features;
        var k = data.Classes;
        if (n == 0) return 0;
        var step = 1.0 / (0.5 * LargestEigenvalue(x, d + 1) + Penalty);
        // Weights: one row of d per class, then the k biases, all in one array so that momentum updates are one loop.
        var size = k * d + k;
        var w = new double[size];
        var previous = new double[size];
        var look = new double[size];
        var gradient = new double[size];
        var p = new double[k];
        for (var t = 1; t <= Iterations; t++)
        {
            var momentum = (t - 1) / (t + 2.0);
            for (var j = 0; j < size; j++) look[j] = w[j] + momentum * (w[j] - previous[j]);
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
            {
                Probabilities(look, x[i], d, p);
                p[data.TrainLabels[i]] -= 1;
                for (var c = 0; c < k; c++)
                {
                    var g = p[c] / n;
                    VectorMath.AddScaled(gradient.AsSpan(c * d, d), g, x[i]);
                    gradient[k * d + c] += g;
                }
            }
            Array.Copy(w, previous, size);
            for (var j = 0; j < size; j++)
            {
                var penalty = j < k * d ? Penalty * look[j] : 0;
                w[j] = look[j] - step * (gradient[j] + penalty);
            }
        }
        return data.Accuracy(data.TestX.Select(row =>
        {
            Probabilities(w, row, d, p);
            var best = 0;
            for (var c = 1; c < k; c++)
            {
                if (p[c] > p[best]) best = c;
            }
            return best;
        }).ToArray());
    }

    private static void Probabilities(double[] w, double[] x, int d, double[] p)
    {
        var k = p.Length;
        var max = double.NegativeInfinity;
        for (var c = 0; c < k; c++)
        {
            p[c] = w[k * d + c] + VectorMath.Dot(w.AsSpan(c * d, d), x);
            max = Math.Max(max, p[c]);
        }
        double total = 0;
        for (var c = 0; c < k; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            total += p[c];
        }
        for (var c = 0; c < k; c++) p[c] /= total;
    }

    /// <summary>The largest eigenvalue of XᵀX/n for X with a column of ones appended (power iteration, 20 steps, from a fixed start).</summary>
    private static double LargestEigenvalue(double[][] x, int d)
    {
        var v = Enumerable.Repeat(1.0 / Math.Sqrt(d), d).ToArray();
        var next = new double[d];
        var lambda = 1.0;
        for (var iteration = 0; iteration < 20; iteration++)
        {
            Array.Clear(next);
            foreach (var row in x)
            {
                var dot = v[d - 1];
                for (var f = 0; f < d - 1; f++) dot += row[f] * v[f];
                for (var f = 0; f < d - 1; f++) next[f] += dot * row[f];
                next[d - 1] += dot;
            }
            var norm = Math.Sqrt(next.Sum(a => a * a));
            if (norm <= 0) return 1;
            lambda = norm / x.Length;
            for (var f = 0; f < d; f++) v[f] = next[f] / norm;
        }
        return Math.Max(lambda, 1e-6);
    }

    private static double Regress(LandmarkData data)
    {
        var x = data.TrainX;
        var n = x.Length;
        var d = data.Features;
        if (n == 0) return 0;
        var meanX = new double[d];
        foreach (var row in x)
        {
            for (var f = 0; f < d; f++) meanX[f] += row[f] / n;
        }
        var meanY = data.TrainY.Average();
        var a = new double[d, d];
        var b = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x[i];
            var y = data.TrainY[i] - meanY;
            for (var f = 0; f < d; f++)
            {
                var xf = row[f] - meanX[f];
                b[f] += xf * y;
                for (var g = 0; g <= f; g++) a[f, g] += xf * (row[g] - meanX[g]);
            }
        }
        for (var f = 0; f < d; f++)
        {
            a[f, f] += RidgePenalty;
            for (var g = 0; g < f; g++) a[g, f] = a[f, g];
        }
        var w = SolveSymmetric(a, b);
        return data.R2(data.TestX.Select(row =>
        {
            var y = meanY;
            for (var f = 0; f < d; f++) y += w[f] * (row[f] - meanX[f]);
            return y;
        }).ToArray());
    }

    /// <summary>Solves A w = b for a symmetric positive definite A by Cholesky decomposition.</summary>
    private static double[] SolveSymmetric(double[,] a, double[] b)
    {
        var d = b.Length;
        var l = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var m = 0; m < j; m++) sum -= l[i, m] * l[j, m];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        }
        var z = new double[d];
        for (var i = 0; i < d; i++)
        {
            var sum = b[i];
            for (var m = 0; m < i; m++) sum -= l[i, m] * z[m];
            z[i] = sum / l[i, i];
        }
        var w = new double[d];
        for (var i = d - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var m = i + 1; m < d; m++) sum -= l[m, i] * w[m];
            w[i] = sum / l[i, i];
        }
        return w;
    }
}
