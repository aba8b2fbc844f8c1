using AIMass.Grains.Artifacts;
using AIMass.Silo.Storage.Artifacts;

namespace AIMass.Grains.Tests.Datasets.Staging;

/// <summary>Staging over the embedded setup's local folder (temporary files of a refused write included).</summary>
public sealed class LocalDatasetStagingTests : DatasetStagingContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aimass-staging-").FullName;

    public LocalDatasetStagingTests() => Store = new LocalArtifactStore(_root);

    protected override IArtifactStore Store { get; }

    protected override async Task AssertEmptyAsync()
    {
        await base.AssertEmptyAsync();
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
