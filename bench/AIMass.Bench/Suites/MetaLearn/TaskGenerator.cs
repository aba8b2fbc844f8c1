using System.Globalization;
using AIMass.Training.Data;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// A family of generated tasks, reproducible from a seed: tabular classification (Gaussian blobs, linear and
/// checkerboard boundaries, mixed numeric/categorical columns with missing cells), tabular regression (linear,
/// Friedman-style, mixed types with heavy-tailed noise, sparse interactions) and small image classification
/// (stroke prototypes 1x8x8 and 1x12x12, coloured strokes 3x8x8, gratings 1x10x10). Sizes, feature counts, class
/// counts and noise levels are drawn from the seed.
/// </summary>
internal static class TaskGenerator
{
    public sealed record GeneratedTable(string Id, string Task, string Target, CsvTable Table, ImageShape? Image);

    public static IReadOnlyList<GeneratedTable> Generate(int seed)
    {
        var recipes = new (string Id, Func<Random, GeneratedTable> Make)[]
        {
            ("blobs-small", r => Blobs("blobs-small", r, r.Next(200, 501), r.Next(4, 11), r.Next(2, 5), separation: 2.5, flip: 0.03)),
            ("blobs-wide", r => Blobs("blobs-wide", r, r.Next(800, 1501), r.Next(12, 31), r.Next(4, 9), separation: 1.2, flip: 0.1)),
            ("linear-binary", r => Linear("linear-binary", r, r.Next(300, 801), r.Next(5, 16), 2, noise: 0.3)),
            ("linear-multi", r => Linear("linear-multi", r, r.Next(1000, 1501), r.Next(20, 41), r.Next(3, 6), noise: 0.6)),
            ("checker", r => Checker("checker", r, r.Next(600, 1201), r.Next(0, 7), r.Next(2, 4))),
            ("mixed-classes", r => MixedClasses("mixed-classes", r, r.Next(400, 1001), r.Next(3, 9), r.Next(2, 4))),
            ("linear-regression", r => LinearRegression("linear-regression", r, r.Next(200, 601), r.Next(5, 16), noise: 0.2 + 0.8 * r.NextDouble())),
            ("friedman", r => Friedman("friedman", r, r.Next(500, 1201), r.Next(5, 11), noise: 0.5 + 1.5 * r.NextDouble())),
            ("mixed-regression", r => MixedRegression("mixed-regression", r, r.Next(300, 901))),
            ("sparse-regression", r => SparseRegression("sparse-regression", r, r.Next(1000, 1501), r.Next(30, 51))),
            ("strokes-8", r => Strokes("strokes-8", r, r.Next(500, 901), new ImageShape(1, 8, 8), r.Next(3, 6), noise: 1.5, shift: 1)),
            ("strokes-12", r => Strokes("strokes-12", r, r.Next(800, 1201), new ImageShape(1, 12, 12), r.Next(6, 11), noise: 3.0, shift: 2)),
            ("colour-strokes", r => Strokes("colour-strokes", r, r.Next(600, 1001), new ImageShape(3, 8, 8), r.Next(4, 7), noise: 2.0, shift: 1)),
            ("gratings", r => Gratings("gratings", r, r.Next(600, 901), new ImageShape(1, 10, 10), r.Next(3, 5))),
        };
        return recipes.Select((recipe, i) => recipe.Make(new Random(unchecked(seed * 1_000_003 + i * 7919)))).ToList();
    }

    private static GeneratedTable Blobs(string id, Random r, int rows, int features, int classes, double separation, double flip)
    {
        var informative = Math.Max(2, features / 2);
        var centres = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, informative).Select(_ => separation * Gaussian(r)).ToArray()).ToArray();
        var scales = Enumerable.Range(0, features).Select(_ => Math.Exp(Gaussian(r))).ToArray();
        return Build(id, "classification", rows, features, r, (x, row) =>
        {
            var c = r.Next(classes);
            for (var f = 0; f < features; f++) x[f] = ((f < informative ? centres[c][f] : 0) + Gaussian(r)) * scales[f];
            return Label(r.NextDouble() < flip ? r.Next(classes) : c);
        });
    }

    private static GeneratedTable Linear(string id, Random r, int rows, int features, int classes, double noise)
    {
        var weights = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, features).Select(f => f % 2 == 0 ? Gaussian(r) : 0).ToArray()).ToArray();
        return Build(id, "classification", rows, features, r, (x, _) =>
        {
            for (var f = 0; f < features; f++) x[f] = Gaussian(r);
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                var s = noise * Gaussian(r);
                for (var f = 0; f < features; f++) s += weights[c][f] * x[f];
                if (s > bestScore) (best, bestScore) = (c, s);
            }
            return Label(best);
        });
    }

    private static GeneratedTable Checker(string id, Random r, int rows, int noiseFeatures, int period)
    {
        var features = 2 + noiseFeatures;
        return Build(id, "classification", rows, features, r, (x, _) =>
        {
            for (var f = 0; f < features; f++) x[f] = r.NextDouble() * 4 - 2;
            var cell = (int)Math.Floor((x[0] + 2) * period / 4) + (int)Math.Floor((x[1] + 2) * period / 4);
            return Label(r.NextDouble() < 0.05 ? r.Next(2) : cell % 2);
        });
    }

    private static GeneratedTable LinearRegression(string id, Random r, int rows, int features, double noise)
    {
        var weights = Enumerable.Range(0, features).Select(_ => Gaussian(r)).ToArray();
        return Build(id, "regression", rows, features, r, (x, _) =>
        {
            double y = 0;
            for (var f = 0; f < features; f++)
            {
                x[f] = Gaussian(r);
                y += weights[f] * x[f];
            }
            return Number(y + noise * Math.Sqrt(features) * Gaussian(r));
        });
    }

    private static GeneratedTable Friedman(string id, Random r, int rows, int features, double noise) =>
        Build(id, "regression", rows, features, r, (x, _) =>
        {
            for (var f = 0; f < features; f++) x[f] = r.NextDouble();
            var y = 10 * Math.Sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4];
            return Number(y + noise * Gaussian(r));
        });

    private static GeneratedTable SparseRegression(string id, Random r, int rows, int features)
    {
        var a = r.Next(features);
        var b = (a + 1 + r.Next(features - 1)) % features;
        var c = (b + 1 + r.Next(features - 2)) % features;
        return Build(id, "regression", rows, features, r, (x, _) =>
        {
            for (var f = 0; f < features; f++) x[f] = Gaussian(r);
            return Number(3 * x[a] + 2 * x[b] * x[c] + Math.Tanh(2 * x[c]) + 0.5 * Gaussian(r));
        });
    }

    /// <summary>Rows of <paramref name="features"/> numbers <c>x0..</c> and a <c>target</c> column from <paramref name="make"/>.</summary>
    private static GeneratedTable Build(string id, string task, int rows, int features, Random r, Func<double[], int, string> make)
    {
        var columns = Enumerable.Range(0, features).Select(f => $"x{f}").Append("target").ToArray();
        var data = new List<IReadOnlyList<string?>>(rows);
        var x = new double[features];
        for (var row = 0; row < rows; row++)
        {
            var target = make(x, row);
            data.Add(x.Select(v => (string?)Number(v)).Append(target).ToArray());
        }
        return new GeneratedTable(id, task, "target", CsvTable.FromRows(columns, data), null);
    }

    internal static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    internal static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string Label(int c) => "c" + c.ToString(CultureInfo.InvariantCulture);

    private static GeneratedTable MixedClasses(string id, Random r, int rows, int numeric, int categorical) =>
        MixedTypes.Classes(id, r, rows, numeric, categorical);

    private static GeneratedTable MixedRegression(string id, Random r, int rows) => MixedTypes.Regression(id, r, rows);

    private static GeneratedTable Strokes(string id, Random r, int rows, ImageShape shape, int classes, double noise, int shift) =>
        GeneratedImages.Strokes(id, r, rows, shape, classes, noise, shift);

    private static GeneratedTable Gratings(string id, Random r, int rows, ImageShape shape, int classes) =>
        GeneratedImages.Gratings(id, r, rows, shape, classes);
}
