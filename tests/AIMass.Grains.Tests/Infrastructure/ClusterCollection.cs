namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>Test classes sharing one single-silo cpu cluster (starting a cluster costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<SharedCluster>
{
    public const string Name = "single cpu silo";
}
