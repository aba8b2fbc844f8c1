using System.Globalization;
using AIMass.Training.Data;

namespace AIMass.Bench.Suites.Train;

/// <summary>A seeded synthetic classification table: Gaussian features, labels from a random linear map's arg-max.</summary>
internal static class SyntheticData
{
    public static CsvTable Classification(int rows, int features, int classes, int seed)
    {
        var rng = new Random(seed);
        var weights = new double[features, classes];
        for (var f = 0; f < features; f++)
        for (var c = 0; c < classes; c++) weights[f, c] = Gaussian(rng);
        var columns = Enumerable.Range(0, features).Select(f => $"x{f}").Append("label").ToArray();
        var data = new List<IReadOnlyList<string?>>(rows);
        var x = new double[features];
        for (var r = 0; r < rows; r++)
        {
            var cells = new string?[features + 1];
            for (var f = 0; f < features; f++)
            {
                x[f] = Gaussian(rng);
                cells[f] = x[f].ToString("0.####", CultureInfo.InvariantCulture);
            }
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                double s = 0;
                for (var f = 0; f < features; f++) s += x[f] * weights[f, c];
                if (s > bestScore)
                {
                    bestScore = s;
                    best = c;
                }
            }
            cells[features] = "c" + best.ToString(CultureInfo.InvariantCulture);
            data.Add(cells);
        }
        return CsvTable.FromRows(columns, data);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
