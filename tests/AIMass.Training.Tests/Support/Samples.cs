using AIMass.Training.Data;

namespace AIMass.Training.Tests.Support;

/// <summary>The repository's sample data sets, parsed once per test run.</summary>
internal static class Samples
{
    private static readonly Lazy<CsvTable> IrisTable = new(() => CsvTable.Load(PathOf("iris.csv")));
    private static readonly Lazy<CsvTable> DigitsTable = new(() => CsvTable.Load(PathOf("digits.csv")));
    private static readonly Lazy<CsvTable> DiabetesTable = new(() => CsvTable.Load(PathOf("diabetes.csv")));

    public static CsvTable Iris => IrisTable.Value;
    public static CsvTable Digits => DigitsTable.Value;
    public static CsvTable Diabetes => DiabetesTable.Value;

    public static readonly ImageShape DigitsShape = new(1, 8, 8);

    public static string PathOf(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", name))) dir = dir.Parent;
        return dir is null ? throw new FileNotFoundException($"samples/{name} not found above {AppContext.BaseDirectory}") : Path.Combine(dir.FullName, "samples", name);
    }

    public static CsvTable Parse(string text, CsvParseOptions? options = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return CsvTable.Parse(stream, options);
    }

    public static Dictionary<string, object?> Hp(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);
}
