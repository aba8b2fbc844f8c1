namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>The bundled sample data sets, copied next to the test binaries.</summary>
public static class TestSamples
{
    public static string Path(string fileName) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", fileName);

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(Path(fileName));

    /// <summary>The first <paramref name="rows"/> data rows of a sample (header kept), as CSV bytes.</summary>
    public static byte[] Head(string fileName, int rows) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(Path(fileName)).Take(rows + 1)) + "\n");
}
