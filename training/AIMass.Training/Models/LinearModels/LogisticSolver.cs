namespace AIMass.Training.Models.LinearModels;

/// <summary>
/// Multinomial logistic regression with an L2 penalty, scikit-learn's <c>LogisticRegression(C = 1 / alpha)</c>
/// objective: <c>sum_i -log p(y_i | x_i) + alpha / 2 ||W||^2</c>, intercepts unpenalised. With two classes it is the
/// binary model (one weight vector, the first class's logit fixed at 0), as in scikit-learn. Minimised per row (the
/// objective divided by the rows, same minimiser) by <see cref="Lbfgs"/> from zero weights and the log class priors.
/// The gradient is summed over fixed blocks of rows, in parallel, and the blocks are added in order, so the result does
/// not depend on the thread count.
/// </summary>
internal sealed class LogisticSolver
{
    private const int BlockRows = 512;

    private readonly double[] _x;
    private readonly int[] _labels;
    private readonly int _rows;
    private readonly int _features;
    private readonly int _classes;
    private readonly double _alpha;
    private readonly int _threads;
    private readonly double[][] _blockGradients;
    private readonly double[] _blockLosses;

    private LogisticSolver(double[] x, int[] labels, int rows, int features, int classes, double alpha, int threads)
    {
        (_x, _labels, _rows, _features, _classes, _alpha, _threads) = (x, labels, rows, features, classes, alpha, Math.Max(1, threads));
        Logits = classes == 2 ? 1 : classes;
        var blocks = (rows + BlockRows - 1) / BlockRows;
        _blockGradients = Enumerable.Range(0, blocks).Select(_ => new double[Logits * (features + 1)]).ToArray();
        _blockLosses = new double[blocks];
    }

    /// <summary>Weight vectors: one for two classes, else one per class.</summary>
    public int Logits { get; }

    /// <summary>Fits the model; answers row-major coefficients <c>[logits, features]</c>, the intercepts, and how it converged.</summary>
    public static (double[] Weights, double[] Intercepts, int Iterations, double GradientMax) Fit(
        double[] x, int[] labels, int rows, int features, int classes, double alpha, int threads, int maxIterations = 500, double tolerance = 1e-6)
    {
        var solver = new LogisticSolver(x, labels, rows, features, classes, alpha, threads);
        var k = solver.Logits;
        var theta = new double[k * (features + 1)];
        var counts = new double[classes];
        foreach (var label in labels) counts[label]++;
        double Prior(int c) => Math.Log((counts[c] + 0.5) / (rows + 0.5 * classes));
        for (var c = 0; c < k; c++) theta[k * features + c] = classes == 2 ? Prior(1) - Prior(0) : Prior(c);
        var (iterations, gradientMax) = Lbfgs.Minimize(solver.Evaluate, theta, maxIterations, tolerance);
        return (theta[..(k * features)], theta[(k * features)..], iterations, gradientMax);
    }

    /// <summary>The per-row objective at <paramref name="theta"/> (<c>[W row-major | intercepts]</c>), its gradient written to <paramref name="gradient"/>.</summary>
    public double Evaluate(double[] theta, double[] gradient)
    {
        Parallel.For(0, _blockLosses.Length, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b => _blockLosses[b] = Block(theta, b));
        Array.Clear(gradient);
        var loss = 0.0;
        for (var b = 0; b < _blockLosses.Length; b++)
        {
            loss += _blockLosses[b];
            DenseMath.Axpy(1.0, _blockGradients[b], gradient);
        }
        var weights = Logits * _features;
        var penalty = 0.0;
        for (var i = 0; i < weights; i++)
        {
            penalty += theta[i] * theta[i];
            gradient[i] += _alpha * theta[i];
        }
        for (var i = 0; i < gradient.Length; i++) gradient[i] /= _rows;
        return (loss + 0.5 * _alpha * penalty) / _rows;
    }

    /// <summary>Log loss and its gradient (unscaled, unpenalised) over one block of rows.</summary>
    private double Block(double[] theta, int block)
    {
        var gradient = _blockGradients[block];
        Array.Clear(gradient);
        var (k, features) = (Logits, _features);
        var intercepts = k * features;
        Span<double> z = stackalloc double[_classes];
        var loss = 0.0;
        var end = Math.Min(_rows, (block + 1) * BlockRows);
        for (var i = block * BlockRows; i < end; i++)
        {
            var row = _x.AsSpan(i * features, features);
            if (_classes == 2)
            {
                z[0] = 0;
                z[1] = DenseMath.Dot(theta.AsSpan(0, features), row) + theta[intercepts];
            }
            else
            {
                for (var c = 0; c < k; c++) z[c] = DenseMath.Dot(theta.AsSpan(c * features, features), row) + theta[intercepts + c];
            }
            var max = double.NegativeInfinity;
            foreach (var v in z) max = Math.Max(max, v);
            var sum = 0.0;
            for (var c = 0; c < _classes; c++) sum += Math.Exp(z[c] - max);
            var label = _labels[i];
            loss += max + Math.Log(sum) - z[label];
            for (var c = _classes == 2 ? 1 : 0; c < _classes; c++)
            {
                var residual = Math.Exp(z[c] - max) / sum - (c == label ? 1.0 : 0.0);
                var slot = _classes == 2 ? 0 : c;
                DenseMath.Axpy(residual, row, gradient.AsSpan(slot * features, features));
                gradient[intercepts + slot] += residual;
            }
        }
        return loss;
    }
}
