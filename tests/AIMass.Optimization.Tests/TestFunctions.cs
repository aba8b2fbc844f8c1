namespace AIMass.Optimization.Tests;

/// <summary>Standard test objectives shared by the tests.</summary>
internal static class TestFunctions
{
    /// <summary>Branin on [-5, 10] x [0, 15]; global minimum 0.397887.</summary>
    public static double Branin(double x1, double x2)
    {
        const double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        var u = x2 - b * x1 * x1 + c * x1 - r;
        return a * u * u + s * (1 - t) * Math.Cos(x1) + s;
    }

    public const double BraninMinimum = 0.397887357729738;

    public static double BraninObjective(Trial trial) =>
        Branin(trial.SuggestFloat("x1", -5, 10), trial.SuggestFloat("x2", 0, 15));

    /// <summary>Hartmann6 on [0, 1]^6; global minimum −3.32237.</summary>
    public static double Hartmann6(IReadOnlyList<double> x)
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
        double[,] p =
        {
            { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
            { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
        };
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++) inner += a[i, j] * (x[j] - p[i, j]) * (x[j] - p[i, j]);
            sum += alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }

    public const double Hartmann6Minimum = -3.32236801141551;

    public static double Hartmann6Objective(Trial trial) =>
        Hartmann6([.. Enumerable.Range(0, 6).Select(i => trial.SuggestFloat($"x{i}", 0, 1))]);
}
