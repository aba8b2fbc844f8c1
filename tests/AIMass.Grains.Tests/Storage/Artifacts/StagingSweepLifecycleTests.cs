using AIMass.Grains.Tests.Infrastructure;
using AIMass.Silo.Storage.Artifacts;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Grains.Tests.Storage.Artifacts;

/// <summary>A silo that starts removes the staged uploads a killed edge left (over an hour old) and keeps recent ones.</summary>
public sealed class StagingSweepLifecycleTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("aimass-sweep-").FullName;

    [Fact]
    public async Task Silo_start_sweeps_stale_staged_uploads_only()
    {
        var stale = Stage("orphan", hoursOld: 2);
        var fresh = Stage("uploader", hoursOld: 0);

        await using var service = await ServiceCluster.StartAsync([new SiloSetup("cpu")], dataDirectory: _data);
        await service.Cluster.Silos[0].ServiceProvider.GetRequiredService<StagingSweepLifecycle>().Completion;

        Assert.False(File.Exists(stale), "a staged file two hours old is a stray");
        Assert.True(File.Exists(fresh), "a staged file of a running upload is kept");
    }

    private string Stage(string tenant, int hoursOld)
    {
        var file = Path.Combine(_data, "artifacts", "staging", tenant, $"{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "a\n1\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - TimeSpan.FromHours(hoursOld));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold its file a moment longer; the folder is under the temp directory anyway.
        }
    }
}
