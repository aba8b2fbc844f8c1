using System.Net;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Security;

[Collection(WebHostCollection.Name)]
public sealed class TenantRateLimitingTests(WebHostFixture host)
{
    [Fact]
    public async Task A_tenant_over_its_rate_is_answered_429_with_retry_after_while_others_are_served()
    {
        var throttled = await host.TenantAsync(WebHostFixture.ThrottledTenant);
        var other = await host.TenantAsync("unthrottled");
        using var slow = host.As(throttled);
        using var fast = host.As(other);

        // The throttled tenant may make 2 requests a second (bursts of 4 here): 12 at once must overflow it.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => slow.GetAsync("/api/me")));
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var problem = await ApiAssert.ProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        Assert.Contains($"'{WebHostFixture.ThrottledTenant}'", problem.Detail);
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        var others = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => fast.GetAsync("/api/me")));
        Assert.All(others, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }
}
