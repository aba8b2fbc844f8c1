using AIMass.Grains.Artifacts;
using AIMass.Silo.Storage.Artifacts;

namespace AIMass.Grains.Tests.Storage.Artifacts;

/// <summary>Temporary files a killed writer left in the local artifact store are removed when the store is made again.</summary>
public sealed class LocalArtifactStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aimass-store-").FullName;

    [Fact]
    public async Task Stray_temporary_files_are_removed_at_start_and_live_ones_kept()
    {
        var kept = Write("tenants/t/datasets/d/v1.csv");
        var legacy = Write($"tenants/t/datasets/d/v2.csv.{Guid.NewGuid():N}.tmp");
        var killed = Write($"tenants/t/studies/s/trials/0/attempt-1-x.zip.999999999-{Guid.NewGuid():N}.tmp");
        var live = Write($"tenants/t/datasets/d/v3.csv.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");

        IArtifactStore store = new LocalArtifactStore(_root);

        Assert.True(File.Exists(kept));
        Assert.False(File.Exists(legacy));
        Assert.False(File.Exists(killed));
        Assert.True(File.Exists(live), "a write in progress in a live process is not touched");
        await store.WriteAllBytesAsync("tenants/t/datasets/d/v4.csv", [1, 2, 3]);
        Assert.Equal([1, 2, 3], await store.ReadAllBytesAsync("tenants/t/datasets/d/v4.csv"));
        Assert.Equal([Path.GetFileName(live)], Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    private string Write(string relative)
    {
        var file = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "x");
        return file;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
