using AIMass.Optimization.Numerics;

namespace AIMass.Optimization.Samplers.Gp;

/// <summary>
/// A Gaussian process on the unit box with an ARD Matérn 5/2 kernel (categorical dimensions use a 0/1 distance),
/// a kernel scale and a noise variance, fitted by maximising the log marginal likelihood plus weak priors with
/// L-BFGS in log space. Parameters: log inverse squared length scales (one per dimension), log scale, log noise.
/// </summary>
internal sealed class GaussianProcess
{
    private static readonly double Sqrt5 = Math.Sqrt(5);
    private readonly double[][] _x;
    private readonly bool[] _categorical;
    private readonly int _n;
    private readonly int _d;
    private double[] _rho = [];
    private double _scale;
    private double _noise;
    private double[] _chol = [];
    private double[] _alpha = [];

    private GaussianProcess(double[][] x, bool[] categorical)
    {
        _x = x;
        _categorical = categorical;
        _n = x.Length;
        _d = categorical.Length;
    }

    /// <summary>The maximised log marginal likelihood plus log prior of the fitted parameters.</summary>
    public double LogPosterior { get; private set; }

    /// <summary>The fitted parameters (log space), to warm-start the next fit.</summary>
    public double[] Parameters { get; private set; } = [];

    public static GaussianProcess Fit(double[][] x, double[] y, bool[] categorical, double[]? warmStart)
    {
        var gp = new GaussianProcess(x, categorical);
        var d = categorical.Length;
        var start = warmStart is { } w && w.Length == d + 2 ? (double[])w.Clone() : [.. Enumerable.Repeat(0.0, d), 0.0, Math.Log(0.1)];
        var lower = new double[d + 2];
        var upper = new double[d + 2];
        for (var i = 0; i < d; i++)
        {
            lower[i] = Math.Log(1e-3);
            upper[i] = Math.Log(1e4);
        }
        lower[d] = Math.Log(1e-2);
        upper[d] = Math.Log(1e2);
        lower[d + 1] = Math.Log(1e-6);
        upper[d + 1] = Math.Log(1.0);
        for (var i = 0; i < start.Length; i++) start[i] = Math.Clamp(start[i], lower[i], upper[i]);
        var (best, f) = Lbfgs.Minimize((p, g) => gp.NegativeLogPosterior(p, y, g), start, lower, upper, maxIterations: 50);
        gp.SetParameters(best, y);
        gp.LogPosterior = -f;
        return gp;
    }

    /// <summary>Posterior mean and variance at <paramref name="x"/>, and their gradients when asked for.</summary>
    public (double Mean, double Variance) Predict(double[] x, double[]? meanGradient = null, double[]? varianceGradient = null)
    {
        var k = new double[_n];
        var dkFactor = meanGradient is null ? null : new double[_n];
        for (var i = 0; i < _n; i++)
        {
            var r2 = Distance2(x, _x[i]);
            var r = Math.Sqrt(r2);
            var e = Math.Exp(-Sqrt5 * r);
            k[i] = _scale * (1 + Sqrt5 * r + 5.0 / 3 * r2) * e;
            if (dkFactor is not null) dkFactor[i] = _scale * (-5.0 / 3) * (1 + Sqrt5 * r) * e;
        }
        var mean = 0.0;
        for (var i = 0; i < _n; i++) mean += k[i] * _alpha[i];
        var v = SolveLower(k);
        var variance = _scale;
        for (var i = 0; i < _n; i++) variance -= v[i] * v[i];
        variance = Math.Max(variance, 1e-12);
        if (meanGradient is not null && varianceGradient is not null && dkFactor is not null)
        {
            var kinvK = SolveUpper(v);
            Array.Clear(meanGradient);
            Array.Clear(varianceGradient);
            for (var i = 0; i < _n; i++)
            {
                for (var j = 0; j < _d; j++)
                {
                    if (_categorical[j]) continue;
                    var dk = dkFactor[i] * _rho[j] * (x[j] - _x[i][j]);
                    meanGradient[j] += _alpha[i] * dk;
                    varianceGradient[j] -= 2 * kinvK[i] * dk;
                }
            }
        }
        return (mean, variance);
    }

    private double Distance2(double[] a, double[] b)
    {
        var r2 = 0.0;
        for (var j = 0; j < _d; j++)
        {
            var diff = _categorical[j] ? (Math.Abs(a[j] - b[j]) > 1e-9 ? 1.0 : 0.0) : a[j] - b[j];
            r2 += _rho[j] * diff * diff;
        }
        return r2;
    }

    private void SetParameters(double[] p, double[] y)
    {
        Parameters = (double[])p.Clone();
        _rho = new double[_d];
        for (var j = 0; j < _d; j++) _rho[j] = Math.Exp(p[j]);
        _scale = Math.Exp(p[_d]);
        _noise = Math.Exp(p[_d + 1]);
        var kernel = KernelMatrix(null);
        _chol = Cholesky(kernel) ?? throw new InvalidOperationException("The GP kernel matrix is not positive definite.");
        _alpha = SolveUpper(SolveLower(y));
    }

    private double NegativeLogPosterior(double[] p, double[] y, double[] gradient)
    {
        _rho = new double[_d];
        for (var j = 0; j < _d; j++) _rho[j] = Math.Exp(p[j]);
        _scale = Math.Exp(p[_d]);
        _noise = Math.Exp(p[_d + 1]);
        var dRho = new double[_d][];
        var kernel = KernelMatrix(dRho);
        var chol = Cholesky(kernel);
        if (chol is null)
        {
            Array.Clear(gradient);
            return double.PositiveInfinity;
        }
        _chol = chol;
        var alpha = SolveUpper(SolveLower(y));
        var n = _n;
        var logDet = 0.0;
        for (var i = 0; i < n; i++) logDet += Math.Log(chol[i * n + i]);
        var fit = 0.0;
        for (var i = 0; i < n; i++) fit += y[i] * alpha[i];
        var lml = -0.5 * fit - logDet - 0.5 * n * Math.Log(2 * Math.PI);
        // W = alpha alpha^T - K^-1; dLML/dθ = 0.5 tr(W dK/dθ).
        var kinv = Inverse(chol, n);
        var w = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) w[i * n + j] = alpha[i] * alpha[j] - kinv[i * n + j];
        }
        for (var dim = 0; dim < _d; dim++)
        {
            var g = 0.0;
            var dk = dRho[dim];
            for (var i = 0; i < n * n; i++) g += w[i] * dk[i];
            gradient[dim] = 0.5 * g;
        }
        var gScale = 0.0;
        var gNoise = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) gScale += w[i * n + j] * (kernel[i * n + j] - (i == j ? _noise : 0));
            gNoise += w[i * n + i] * _noise;
        }
        gradient[_d] = 0.5 * gScale;
        gradient[_d + 1] = 0.5 * gNoise;
        // Weak priors: on inverse squared length scales -(0.1/ρ + 0.1ρ), Gamma(2, 1) on the scale, Gamma(1.1, 30) on the noise.
        var prior = 0.0;
        for (var dim = 0; dim < _d; dim++)
        {
            prior += -(0.1 / _rho[dim] + 0.1 * _rho[dim]);
            gradient[dim] += 0.1 / _rho[dim] - 0.1 * _rho[dim];
        }
        prior += Math.Log(_scale) - _scale;
        gradient[_d] += 1 - _scale;
        prior += 0.1 * Math.Log(_noise) - 30 * _noise;
        gradient[_d + 1] += 0.1 - 30 * _noise;
        for (var i = 0; i < gradient.Length; i++) gradient[i] = -gradient[i];
        return -(lml + prior);
    }

    /// <summary>K + noise·I; with <paramref name="dRho"/>, also dK/d(log ρ_j) per dimension.</summary>
    private double[] KernelMatrix(double[][]? dRho)
    {
        var n = _n;
        var k = new double[n * n];
        if (dRho is not null)
        {
            for (var j = 0; j < _d; j++) dRho[j] = new double[n * n];
        }
        for (var a = 0; a < n; a++)
        {
            for (var b = a; b < n; b++)
            {
                var r2 = Distance2(_x[a], _x[b]);
                var r = Math.Sqrt(r2);
                var e = Math.Exp(-Sqrt5 * r);
                var value = _scale * (1 + Sqrt5 * r + 5.0 / 3 * r2) * e;
                k[a * n + b] = value;
                k[b * n + a] = value;
                if (dRho is null || a == b) continue;
                var factor = _scale * (-5.0 / 6) * (1 + Sqrt5 * r) * e;
                for (var j = 0; j < _d; j++)
                {
                    var diff = _categorical[j] ? (Math.Abs(_x[a][j] - _x[b][j]) > 1e-9 ? 1.0 : 0.0) : _x[a][j] - _x[b][j];
                    var dk = factor * _rho[j] * diff * diff;
                    dRho[j][a * n + b] = dk;
                    dRho[j][b * n + a] = dk;
                }
            }
            k[a * n + a] += _noise;
        }
        return k;
    }

    private static double[]? Cholesky(double[] a)
    {
        var n = (int)Math.Sqrt(a.Length);
        var l = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            var sum = a[j * n + j];
            for (var k = 0; k < j; k++) sum -= l[j * n + k] * l[j * n + k];
            if (!(sum > 0)) return null;
            var diag = Math.Sqrt(sum);
            l[j * n + j] = diag;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i * n + j];
                for (var k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / diag;
            }
        }
        return l;
    }

    private double[] SolveLower(double[] b)
    {
        var n = _n;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= _chol[i * n + k] * x[k];
            x[i] = s / _chol[i * n + i];
        }
        return x;
    }

    private double[] SolveUpper(double[] b)
    {
        var n = _n;
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++) s -= _chol[k * n + i] * x[k];
            x[i] = s / _chol[i * n + i];
        }
        return x;
    }

    private static double[] Inverse(double[] l, int n)
    {
        // (L L^T)^-1 = L^-T L^-1.
        var linv = new double[n * n];
        for (var c = 0; c < n; c++)
        {
            for (var i = c; i < n; i++)
            {
                var s = i == c ? 1.0 : 0.0;
                for (var k = c; k < i; k++) s -= l[i * n + k] * linv[k * n + c];
                linv[i * n + c] = s / l[i * n + i];
            }
        }
        var inv = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = i; k < n; k++) s += linv[k * n + i] * linv[k * n + j];
                inv[i * n + j] = s;
                inv[j * n + i] = s;
            }
        }
        return inv;
    }
}
