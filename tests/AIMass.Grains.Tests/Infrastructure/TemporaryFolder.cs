namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>Deletes a test's folder when disposed (best effort: a file may still be held for a moment).</summary>
public sealed class TemporaryFolder(string path) : IDisposable
{
    public string Path { get; } = path;

    public static TemporaryFolder Create() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aimass-tests", Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
