namespace AIMass.Bench.Suites.Automl;

/// <summary>Splits a CSV file's rows into a training file and a held-out test file (seeded shuffle, header kept in both).</summary>
public static class HoldoutSplit
{
    public static (string Train, string Test) Write(string source, string folder, int seed, double testFraction)
    {
        var lines = File.ReadAllLines(source);
        var header = lines[0];
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        new Random(seed).Shuffle(rows);
        var testCount = (int)Math.Round(rows.Length * testFraction);
        var name = Path.GetFileNameWithoutExtension(source);
        var train = Path.Combine(folder, $"{name}.csv");
        var test = Path.Combine(folder, $"{name}-holdout.csv");
        File.WriteAllLines(train, [header, .. rows[testCount..]]);
        File.WriteAllLines(test, [header, .. rows[..testCount]]);
        return (train, test);
    }
}
