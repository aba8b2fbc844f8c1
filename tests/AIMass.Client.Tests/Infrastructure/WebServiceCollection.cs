#if AIMASS_WEB
namespace AIMass.Client.Tests.Infrastructure;

/// <summary>Tests sharing one web host with its embedded silo.</summary>
[CollectionDefinition(Name)]
public sealed class WebServiceCollection : ICollectionFixture<WebServiceFixture>
{
    public const string Name = "web service";
}
#endif
