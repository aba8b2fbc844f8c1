using AIMass.Training.Data;
using static AIMass.Bench.Suites.MetaLearn.TaskGenerator;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>Generated tables with numeric and categorical columns and missing cells (about 5% of numeric cells).</summary>
internal static class MixedTypes
{
    private const double MissingShare = 0.05;

    /// <summary>Three classes decided by a noisy linear score over numeric columns plus per-level effects of categorical columns.</summary>
    public static GeneratedTable Classes(string id, Random r, int rows, int numeric, int categorical)
    {
        const int classes = 3;
        var levels = Enumerable.Range(0, categorical).Select(_ => r.Next(3, 7)).ToArray();
        var weights = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, numeric).Select(_ => Gaussian(r)).ToArray()).ToArray();
        var effects = Enumerable.Range(0, classes).Select(_ => levels.Select(l => Enumerable.Range(0, l).Select(_ => 1.5 * Gaussian(r)).ToArray()).ToArray()).ToArray();
        return Make(id, "classification", r, rows, numeric, levels, (x, cats) =>
        {
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                var s = 0.5 * Gaussian(r);
                for (var f = 0; f < numeric; f++) s += weights[c][f] * x[f];
                for (var k = 0; k < categorical; k++) s += effects[c][k][cats[k]];
                if (s > bestScore) (best, bestScore) = (c, s);
            }
            return Label(best);
        });
    }

    /// <summary>A value on a large scale (thousands) from numeric columns, two categorical columns and heavy-tailed noise.</summary>
    public static GeneratedTable Regression(string id, Random r, int rows)
    {
        var numeric = r.Next(4, 9);
        var levels = new[] { r.Next(3, 6), r.Next(2, 4) };
        var weights = Enumerable.Range(0, numeric).Select(_ => Gaussian(r)).ToArray();
        var effects = levels.Select(l => Enumerable.Range(0, l).Select(_ => 2 * Gaussian(r)).ToArray()).ToArray();
        return Make(id, "regression", r, rows, numeric, levels, (x, cats) =>
        {
            var y = weights[0] * x[0] * x[1] + Math.Abs(x[2]);
            for (var f = 0; f < numeric; f++) y += weights[f] * x[f];
            for (var k = 0; k < levels.Length; k++) y += effects[k][cats[k]];
            var t = Gaussian(r) / Math.Sqrt(Math.Max(0.05, -2 * Math.Log(Math.Max(1e-12, r.NextDouble())) / 3)); // Student-t-like tails
            return Number(5000 + 1000 * (y + 0.5 * t));
        });
    }

    private static GeneratedTable Make(string id, string task, Random r, int rows, int numeric, int[] levels, Func<double[], int[], string> target)
    {
        var columns = Enumerable.Range(0, numeric).Select(f => $"n{f}")
            .Concat(Enumerable.Range(0, levels.Length).Select(k => $"cat{k}"))
            .Append("target").ToArray();
        var data = new List<IReadOnlyList<string?>>(rows);
        var x = new double[numeric];
        var cats = new int[levels.Length];
        for (var row = 0; row < rows; row++)
        {
            for (var f = 0; f < numeric; f++) x[f] = Gaussian(r);
            for (var k = 0; k < levels.Length; k++) cats[k] = r.Next(levels[k]);
            var y = target(x, cats);
            var cells = new List<string?>(columns.Length);
            for (var f = 0; f < numeric; f++) cells.Add(r.NextDouble() < MissingShare ? null : Number(x[f]));
            for (var k = 0; k < levels.Length; k++) cells.Add("level" + cats[k]);
            cells.Add(y);
            data.Add(cells);
        }
        return new GeneratedTable(id, task, "target", CsvTable.FromRows(columns, data), null);
    }
}
