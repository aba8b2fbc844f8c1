using AIMass.Web.Configuration;

namespace AIMass.Web.Tests.Configuration;

public sealed class WebOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new WebOptions().Validate());

    [Fact]
    public void Invalid_settings_are_named()
    {
        var options = new WebOptions { MaxUploadBytes = 0, RefreshMilliseconds = 10 };
        options.RateLimit.PermitsPerSecond = 0;
        options.RateLimit.Tenants["acme"] = 0;
        var errors = options.Validate();
        Assert.Contains(errors, e => e.Contains("MaxUploadBytes"));
        Assert.Contains(errors, e => e.Contains("RefreshMilliseconds"));
        Assert.Contains(errors, e => e.Contains("RateLimit:PermitsPerSecond"));
        Assert.Contains(errors, e => e.Contains("RateLimit:Tenants:acme"));
    }

    [Fact]
    public void A_tenant_override_scales_its_burst()
    {
        var limits = new TenantRateLimitOptions { PermitsPerSecond = 100, Burst = 200, Tenants = { ["slow"] = 5 } };
        Assert.Equal(5, limits.PermitsFor("slow"));
        Assert.Equal(10, limits.BurstFor("slow"));
        Assert.Equal(100, limits.PermitsFor("other"));
        Assert.Equal(200, limits.BurstFor("other"));
    }
}
