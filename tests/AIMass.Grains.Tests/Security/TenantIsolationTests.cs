using System.Reflection;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;

namespace AIMass.Grains.Tests.Security;

[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    public static IEnumerable<object[]> TenantScopedMethods() =>
        typeof(ITenantGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(ITenantScopedGrain).IsAssignableFrom(t) && t != typeof(ITenantScopedGrain))
            .SelectMany(t => t.GetMethods().Select(m => new object[] { t.Name, m.Name }));

    [Theory]
    [MemberData(nameof(TenantScopedMethods))]
    public async Task Every_tenant_scoped_method_refuses_another_tenant(string interfaceName, string methodName)
    {
        await EnsureTenantsAsync();
        var type = typeof(ITenantGrain).Assembly.GetTypes().Single(t => t.Name == interfaceName);
        var method = type.GetMethod(methodName)!;
        var key = type == typeof(ITenantGrain) ? "victim"
            : type == typeof(ITrialGrain) || type.Name == "IModelGrain" ? "victim/study/0"
            : "victim/thing";
        var grain = typeof(IGrainFactory).GetMethod(nameof(IGrainFactory.GetGrain), [typeof(string), typeof(string)])!
            .MakeGenericMethod(type).Invoke(Service.Client, [key, null])!;
        var arguments = method.GetParameters().Select(p => DefaultFor(p.ParameterType)).ToArray();

        using (ServiceCluster.AsTenant("intruder"))
        {
            var task = (Task)method.Invoke(grain, arguments)!;
            if (method.IsDefined(typeof(Orleans.Concurrency.OneWayAttribute)))
            {
                await task; // one-way calls return at once; their effect is checked below
            }
            else
            {
                var e = await Assert.ThrowsAsync<ServiceException>(() => task);
                Assert.Equal(ServiceErrorKind.Forbidden, e.Kind);
            }
        }

        if (type == typeof(ITrialGrain))
        {
            await Task.Delay(200);
            using (ServiceCluster.AsTenant("victim"))
            {
                var e = await Assert.ThrowsAsync<ServiceException>(() => Service.Client.GetGrain<ITrialGrain>(key).GetAsync());
                Assert.Equal(ServiceErrorKind.NotFound, e.Kind);
            }
        }
    }

    [Fact]
    public async Task Calls_without_identity_are_refused()
    {
        await EnsureTenantsAsync();
        var e = await Assert.ThrowsAsync<ServiceException>(() => Service.Client.GetGrain<ITenantGrain>("victim").GetAsync());
        Assert.Equal(ServiceErrorKind.Forbidden, e.Kind);
        Assert.Contains("no caller identity", e.Message);
    }

    [Fact]
    public async Task Admin_and_system_methods_refuse_tenants()
    {
        await EnsureTenantsAsync();
        using (ServiceCluster.AsTenant("victim"))
        {
            var create = await Assert.ThrowsAsync<ServiceException>(() => Service.Client.GetGrain<ITenantGrain>("victim")
                .CreateAsync(new TenantCreateRequest { DisplayName = "again" }));
            Assert.Contains("admin role", create.Message);
            var verify = await Assert.ThrowsAsync<ServiceException>(() => Service.Client.GetGrain<ITenantGrain>("victim").VerifyKeyAsync("x"));
            Assert.Contains("internal to the service", verify.Message);
            var directory = await Assert.ThrowsAsync<ServiceException>(() => Service.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync());
            Assert.Equal(ServiceErrorKind.Forbidden, directory.Kind);
        }
        using (ServiceCluster.AsTenant("victim"))
        {
            Assert.Equal("victim", (await Service.Client.GetGrain<ITenantGrain>("victim").GetAsync()).TenantId);
        }
    }

    private async Task EnsureTenantsAsync()
    {
        foreach (var tenant in new[] { "victim", "intruder" })
        {
            using var _ = ServiceCluster.AsAdmin();
            if (!await Service.Client.GetGrain<ITenantGrain>(tenant).ExistsAsync()) await Service.CreateTenantAsync(tenant);
        }
    }

    private static object? DefaultFor(Type type)
    {
        if (type == typeof(string)) return "x";
        if (type.IsValueType) return Activator.CreateInstance(type);
        return null;
    }
}
