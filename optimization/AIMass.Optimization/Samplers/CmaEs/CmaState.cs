using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace AIMass.Optimization.Samplers.CmaEs;

/// <summary>
/// The state of one CMA-ES run in the unit box (Hansen's tutorial update, μ/μ_w with rank-one and rank-μ
/// updates), stored in the study's system attributes as plain numbers so that it survives snapshots.
/// </summary>
internal sealed class CmaState
{
    public int Dimension;
    public int Restart;
    public int Generation;
    public int PopulationSize;
    public double Sigma;
    public double[] Mean = [];
    public double[] C = [];
    public double[] Pc = [];
    public double[] Ps = [];
    public List<double> GenerationBests = [];

    public static CmaState Start(int dimension, int populationSize, double sigma, double[] mean, int restart)
    {
        var c = new double[dimension * dimension];
        for (var i = 0; i < dimension; i++) c[i * dimension + i] = 1;
        return new CmaState
        {
            Dimension = dimension,
            Restart = restart,
            Generation = 0,
            PopulationSize = populationSize,
            Sigma = sigma,
            Mean = mean,
            C = c,
            Pc = new double[dimension],
            Ps = new double[dimension],
        };
    }

    /// <summary>B·D (columns: eigenvectors scaled by the square roots of the eigenvalues) and the eigen parts.</summary>
    public (Matrix<double> B, double[] D) Eigen()
    {
        var n = Dimension;
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (C[i * n + j] + C[j * n + i]));
        var evd = m.Evd(Symmetricity.Symmetric);
        var d = new double[n];
        for (var i = 0; i < n; i++) d[i] = Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 1e-30));
        return (evd.EigenVectors, d);
    }

    /// <summary>One generation's update from solutions sorted best first (losses ascending).</summary>
    public void Update(IReadOnlyList<double[]> sortedSolutions, double bestLoss)
    {
        var n = Dimension;
        var lambda = PopulationSize;
        var mu = lambda / 2;
        var weights = new double[mu];
        double sum = 0, sumSq = 0;
        for (var i = 0; i < mu; i++)
        {
            weights[i] = Math.Log(mu + 0.5) - Math.Log(i + 1);
            sum += weights[i];
        }
        for (var i = 0; i < mu; i++)
        {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        var muEff = 1 / sumSq;
        var cSigma = (muEff + 2) / (n + muEff + 5);
        var dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        var cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        var c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        var cMu = Math.Min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        var chiN = Math.Sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        var ys = new double[mu][];
        var yw = new double[n];
        for (var i = 0; i < mu; i++)
        {
            ys[i] = new double[n];
            for (var k = 0; k < n; k++)
            {
                ys[i][k] = (sortedSolutions[i][k] - Mean[k]) / Sigma;
                yw[k] += weights[i] * ys[i][k];
            }
        }
        for (var k = 0; k < n; k++) Mean[k] += Sigma * yw[k];

        var (b, d) = Eigen();
        // C^(-1/2) y_w = B D^-1 B^T y_w
        var bt = b.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(yw));
        for (var k = 0; k < n; k++) bt[k] /= d[k];
        var invSqrtYw = b * bt;
        var psScale = Math.Sqrt(cSigma * (2 - cSigma) * muEff);
        var psNorm = 0.0;
        for (var k = 0; k < n; k++)
        {
            Ps[k] = (1 - cSigma) * Ps[k] + psScale * invSqrtYw[k];
            psNorm += Ps[k] * Ps[k];
        }
        psNorm = Math.Sqrt(psNorm);
        var hSigma = psNorm / Math.Sqrt(1 - Math.Pow(1 - cSigma, 2 * (Generation + 1))) < (1.4 + 2.0 / (n + 1)) * chiN ? 1.0 : 0.0;
        var pcScale = hSigma * Math.Sqrt(cc * (2 - cc) * muEff);
        for (var k = 0; k < n; k++) Pc[k] = (1 - cc) * Pc[k] + pcScale * yw[k];
        var decay = 1 - c1 - cMu + (1 - hSigma) * c1 * cc * (2 - cc);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var rankMu = 0.0;
                for (var s = 0; s < mu; s++) rankMu += weights[s] * ys[s][i] * ys[s][j];
                C[i * n + j] = decay * C[i * n + j] + c1 * Pc[i] * Pc[j] + cMu * rankMu;
            }
        }
        Sigma *= Math.Exp(Math.Min(1.0, (cSigma / dSigma) * (psNorm / chiN - 1)));
        Sigma = Math.Min(Sigma, 1e32);
        Generation++;
        GenerationBests.Add(bestLoss);
        var keep = 10 + (int)Math.Ceiling(30.0 * n / lambda);
        if (GenerationBests.Count > keep) GenerationBests.RemoveRange(0, GenerationBests.Count - keep);
    }

    /// <summary>Whether the run has converged or stalled (TolX, TolFun over the recent generations, condition number).</summary>
    public bool ShouldRestart(double[] generationLosses)
    {
        var n = Dimension;
        var maxStd = 0.0;
        for (var i = 0; i < n; i++) maxStd = Math.Max(maxStd, Math.Sqrt(Math.Max(C[i * n + i], 0)));
        var pcMax = Pc.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (Sigma * maxStd < 1e-11 && Sigma * pcMax < 1e-11) return true;
        var keep = 10 + (int)Math.Ceiling(30.0 * n / PopulationSize);
        if (GenerationBests.Count >= keep)
        {
            var all = GenerationBests.Concat(generationLosses).Where(double.IsFinite).ToArray();
            if (all.Length > 0 && all.Max() - all.Min() < 1e-12) return true;
        }
        var (_, d) = Eigen();
        var maxD = d.Max();
        var minD = d.Min();
        return maxD * maxD / (minD * minD) > 1e14;
    }

    public Dictionary<string, object?> ToAttribute() => new()
    {
        ["dimension"] = Dimension,
        ["restart"] = Restart,
        ["generation"] = Generation,
        ["population_size"] = PopulationSize,
        ["sigma"] = Sigma,
        ["mean"] = Mean.Cast<object?>().ToList(),
        ["c"] = C.Cast<object?>().ToList(),
        ["pc"] = Pc.Cast<object?>().ToList(),
        ["ps"] = Ps.Cast<object?>().ToList(),
        ["generation_bests"] = GenerationBests.Cast<object?>().ToList(),
    };

    public static CmaState? FromAttribute(object? value)
    {
        if (value is not IReadOnlyDictionary<string, object?> d) return null;
        try
        {
            return new CmaState
            {
                Dimension = Convert.ToInt32(d["dimension"], CultureInfo.InvariantCulture),
                Restart = Convert.ToInt32(d["restart"], CultureInfo.InvariantCulture),
                Generation = Convert.ToInt32(d["generation"], CultureInfo.InvariantCulture),
                PopulationSize = Convert.ToInt32(d["population_size"], CultureInfo.InvariantCulture),
                Sigma = Convert.ToDouble(d["sigma"], CultureInfo.InvariantCulture),
                Mean = Doubles(d["mean"]),
                C = Doubles(d["c"]),
                Pc = Doubles(d["pc"]),
                Ps = Doubles(d["ps"]),
                GenerationBests = [.. Doubles(d["generation_bests"])],
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or FormatException)
        {
            return null;
        }
    }

    private static double[] Doubles(object? value) =>
        value is IReadOnlyList<object?> list ? list.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray() : [];
}
