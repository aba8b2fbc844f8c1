namespace AIMass.Bench.Suites.Hpo;

/// <summary>A benchmark objective: its box, its known optimum and the function itself.</summary>
public sealed record HpoFunction(string Name, double[] Low, double[] High, double Optimum, Func<double[], double> Evaluate)
{
    /// <summary>Branin (2-D) on [-5, 10] x [0, 15]; minimum 0.397887.</summary>
    public static HpoFunction Branin { get; } = new("branin", [-5, 0], [10, 15], 0.397887357729738, x =>
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        var u = x[1] - b * x[0] * x[0] + c * x[0] - r;
        return u * u + s * (1 - t) * Math.Cos(x[0]) + s;
    });

    /// <summary>Hartmann6 on [0, 1]^6; minimum -3.32237.</summary>
    public static HpoFunction Hartmann6 { get; } = new("hartmann6", [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], -3.32236801141551, x =>
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a =
        {
            { 10, 3, 17, 3.5, 1.7, 8 },
            { 0.05, 10, 17, 0.1, 8, 14 },
            { 3, 3.5, 1.7, 10, 17, 8 },
            { 17, 8, 0.05, 10, 0.1, 14 },
        };
        double[,] p =
        {
            { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
            { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
            { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
            { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
        };
        return HartmannValue(alpha, a, p, x);
    });

    /// <summary>A Hartmann function: −Σ_i α_i exp(−Σ_j A_ij (x_j − P_ij)²) over the rows of A and P.</summary>
    internal static double HartmannValue(double[] alpha, double[,] a, double[,] p, double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < alpha.Length; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                var d = x[j] - p[i, j];
                inner += a[i, j] * d * d;
            }
            sum += alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }

    /// <summary>Rosenbrock (5-D) on [-5, 10]^5; minimum 0.</summary>
    public static HpoFunction Rosenbrock5 { get; } = new("rosenbrock5", [-5, -5, -5, -5, -5], [10, 10, 10, 10, 10], 0, x =>
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    });

    /// <summary>The three single-objective functions of the suite.</summary>
    public static IReadOnlyList<HpoFunction> All { get; } = [Branin, Hartmann6, Rosenbrock5];
}
