namespace AIMass.Web.Tests.Infrastructure;

/// <summary>The repository's sample data sets, copied next to the test binaries.</summary>
public static class TestSamples
{
    public static string Path(string fileName) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", fileName);

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(Path(fileName));

    /// <summary>The iris rows as column-to-text dictionaries (header names as keys).</summary>
    public static IReadOnlyList<Dictionary<string, string>> Rows(string fileName)
    {
        var lines = File.ReadAllLines(Path(fileName));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }
}
