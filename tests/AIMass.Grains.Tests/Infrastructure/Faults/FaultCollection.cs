namespace AIMass.Grains.Tests.Infrastructure.Faults;

/// <summary>Test classes sharing one <see cref="FaultyCluster"/> (each arms faults for its own tenants only).</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultyCluster>
{
    public const string Name = "cpu silo with injected faults";
}
