namespace AIMass.Web.Tests.Infrastructure;

/// <summary>The tests that share one running web host (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<WebHostFixture>
{
    public const string Name = "web host";
}
