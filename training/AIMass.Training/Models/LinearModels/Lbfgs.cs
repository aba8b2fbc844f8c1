namespace AIMass.Training.Models.LinearModels;

/// <summary>
/// Limited-memory BFGS for smooth convex objectives, in double: ten correction pairs, a backtracking line search with
/// the Armijo condition, stopping when the largest gradient entry falls below the tolerance, when the objective stops
/// falling (relative change below 1e-12), or after the iteration limit. Deterministic: no randomness.
/// </summary>
internal static class Lbfgs
{
    private const int Memory = 10;

    /// <summary>An evaluation: writes the gradient at <c>x</c> into the second array and answers the objective.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/> (overwritten with the minimiser).</summary>
    /// <returns>Iterations taken, and the largest gradient entry at the end.</returns>
    public static (int Iterations, double GradientMax) Minimize(Objective objective, double[] start, int maxIterations, double tolerance)
    {
        var n = start.Length;
        var x = start;
        var g = new double[n];
        var f = objective(x, g);
        var (s, y, rho) = (new double[Memory][], new double[Memory][], new double[Memory]);
        var (count, head) = (0, 0);
        var (direction, trial, trialGradient, alpha) = (new double[n], new double[n], new double[n], new double[Memory]);
        var iteration = 0;
        for (; iteration < maxIterations && DenseMath.MaxAbs(g) > tolerance; iteration++)
        {
            // Two-loop recursion: direction = -H g.
            for (var i = 0; i < n; i++) direction[i] = -g[i];
            for (var k = 0; k < count; k++)
            {
                var m = (head - 1 - k + Memory) % Memory;
                alpha[m] = rho[m] * DenseMath.Dot(s[m], direction);
                DenseMath.Axpy(-alpha[m], y[m], direction);
            }
            if (count > 0)
            {
                var last = (head - 1 + Memory) % Memory;
                var gamma = DenseMath.Dot(s[last], y[last]) / DenseMath.Dot(y[last], y[last]);
                for (var i = 0; i < n; i++) direction[i] *= gamma;
            }
            for (var k = count - 1; k >= 0; k--)
            {
                var m = (head - 1 - k + Memory) % Memory;
                var beta = rho[m] * DenseMath.Dot(y[m], direction);
                DenseMath.Axpy(alpha[m] - beta, s[m], direction);
            }
            var slope = DenseMath.Dot(direction, g);
            if (!(slope < 0))
            {
                count = 0; // lost descent: restart from the gradient
                for (var i = 0; i < n; i++) direction[i] = -g[i];
                slope = DenseMath.Dot(direction, g);
            }
            var step = count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            double trialValue;
            var accepted = false;
            for (var search = 0; ; search++)
            {
                for (var i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
                trialValue = objective(trial, trialGradient);
                if (trialValue <= f + 1e-4 * step * slope) { accepted = true; break; }
                if (search == 50) break;
                step *= 0.5;
            }
            if (!accepted) break; // no decrease along the direction: as close as rounding allows
            s[head] ??= new double[n];
            y[head] ??= new double[n];
            for (var i = 0; i < n; i++)
            {
                s[head][i] = trial[i] - x[i];
                y[head][i] = trialGradient[i] - g[i];
            }
            var sy = DenseMath.Dot(s[head], y[head]);
            if (sy > 1e-12 * DenseMath.Dot(y[head], y[head]))
            {
                rho[head] = 1.0 / sy;
                head = (head + 1) % Memory;
                count = Math.Min(count + 1, Memory);
            }
            var previous = f;
            Array.Copy(trial, x, n);
            Array.Copy(trialGradient, g, n);
            f = trialValue;
            if (previous - f <= 1e-12 * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(f)), 1e-300)) { iteration++; break; }
        }
        return (iteration, DenseMath.MaxAbs(g));
    }
}
