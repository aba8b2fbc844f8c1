using AIMass.Web.Services;

namespace AIMass.Web.Tests.Services;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Iris flowers (2024)", "iris-flowers-2024")]
    [InlineData("species on iris", "species-on-iris")]
    [InlineData("data_v1.2", "data_v1.2")]
    [InlineData("  ---  ", "fallback")]
    [InlineData(null, "fallback")]
    public void Names_become_ids(string? name, string id) => Assert.Equal(id, Slug.From(name, "fallback"));

    [Fact]
    public void Ids_are_at_most_64_characters() => Assert.Equal(64, Slug.From(new string('a', 100), "x").Length);
}
