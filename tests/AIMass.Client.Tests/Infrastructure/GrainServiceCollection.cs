namespace AIMass.Client.Tests.Infrastructure;

/// <summary>Tests sharing one in-process cluster (starting one costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class GrainServiceCollection : ICollectionFixture<GrainServiceFixture>
{
    public const string Name = "grain service";
}
