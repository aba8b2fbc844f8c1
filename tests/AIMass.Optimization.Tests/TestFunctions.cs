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
}
