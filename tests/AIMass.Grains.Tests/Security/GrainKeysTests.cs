using AIMass.Grains.Security;
using AIMass.Grains.Tenants;

namespace AIMass.Grains.Tests.Security;

public sealed class GrainKeysTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("a1-b2")]
    public void Valid_tenant_ids_pass(string id) => Assert.Equal(id, GrainKeys.ValidateTenantId(id));

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("Acme")]
    [InlineData("1acme")]
    [InlineData("ac/me")]
    public void Invalid_tenant_ids_are_refused_with_the_id_named(string id)
    {
        var e = Assert.Throws<ServiceException>(() => GrainKeys.ValidateTenantId(id));
        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.Contains($"'{id}'", e.Message);
    }

    [Fact]
    public void Api_keys_carry_their_tenant_and_verify_by_hash_only()
    {
        var (keyId, secret) = ApiKeyFormat.Create("acme");

        Assert.True(ApiKeyFormat.TryParse(secret, out var tenant, out var parsedId));
        Assert.Equal("acme", tenant);
        Assert.Equal(keyId, parsedId);
        Assert.True(ApiKeyFormat.HashEquals(ApiKeyFormat.Hash(secret), ApiKeyFormat.Hash(secret)));
        Assert.False(ApiKeyFormat.HashEquals(ApiKeyFormat.Hash(secret), ApiKeyFormat.Hash(secret[..^1] + (secret[^1] == 'x' ? "y" : "x"))));
        Assert.False(ApiKeyFormat.TryParse("Bearer nonsense", out _, out _));
        Assert.DoesNotContain(secret[^20..], ApiKeyFormat.Prefix(secret));
    }
}
