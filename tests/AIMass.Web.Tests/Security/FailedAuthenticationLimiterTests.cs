using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AIMass.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace AIMass.Web.Tests.Security;

/// <summary>
/// Keys of tenants that do not exist cost the service nothing that grows: they activate no tenant grain, and an
/// address that keeps presenting refused keys is answered 429 before its keys are looked at.
/// </summary>
public sealed class FailedAuthenticationLimiterTests
{
    [Fact]
    public async Task Two_thousand_keys_of_unknown_tenants_get_429s_activate_no_tenant_grain_and_keep_memory_flat()
    {
        await using var factory = new AIMassWebFactory(new Dictionary<string, string?>
        {
            ["AIMass:Web:RateLimit:FailedAuthenticationBurst"] = "20",
            ["AIMass:Web:RateLimit:FailedAuthenticationsPerSecond"] = "2",
        });
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.AdminKey);
        var created = await admin.PostAsJsonAsync("/api/tenants", new { tenantId = "real", displayName = "Real" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var realKey = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("apiKey").GetProperty("secret").GetString()!;

        var management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        async Task<int> TenantActivationsAsync() =>
            (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("TenantGrain", StringComparison.Ordinal) && !s.GrainType.Contains("Directory", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var activationsBefore = await TenantActivationsAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        using var guesser = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var batch = 0; batch < 40; batch++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            {
                var n = batch * 50 + i;
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"aim.ghost{n}.{n:x8}.{new string('a', 32)}");
                return guesser.SendAsync(request);
            }));
            statuses.AddRange(answers.Select(a => a.StatusCode));
            foreach (var answer in answers) answer.Dispose();
        }

        Assert.Equal(2000, statuses.Count);
        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) > 1500, $"{statuses.Count(s => s == HttpStatusCode.TooManyRequests)} of 2000 were 429");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.Equal(activationsBefore, await TenantActivationsAsync());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var grown = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Assert.True(grown < 16 << 20, $"the managed heap grew by {grown / 1024} KiB");

        // The address's bucket refills; a valid key is then served.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var real = factory.CreateClient();
        real.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", realKey);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync("/api/me")).StatusCode);
    }
}
