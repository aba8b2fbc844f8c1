namespace AIMass.Client.Tests.Infrastructure;

/// <summary>Where things are: the repository root, the bundled samples, the build configuration of these tests.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Sample(string fileName) => Path.Combine(RepositoryRoot, "samples", fileName);

    /// <summary>Debug or Release: the configuration these tests were built in (sibling projects are built alike).</summary>
    public static string Configuration { get; } =
        typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";

    /// <summary>A fresh temporary folder.</summary>
    public static string NewTemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aimass-client-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The first <paramref name="rows"/> data rows of a sample (header kept), as a file in <paramref name="folder"/>.</summary>
    public static string Head(string sample, int rows, string folder)
    {
        var lines = File.ReadLines(Sample(sample)).Take(rows + 1).ToList();
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(sample)}-{rows}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AIMass.Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (AIMass.Orleans.sln) is not above the test binaries.");
    }
}
