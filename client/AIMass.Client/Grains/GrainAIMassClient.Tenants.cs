using AIMass.Client.Tenants;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;

namespace AIMass.Client.Grains;

public sealed partial class GrainAIMassClient
{
    public Task<TenantInfo> GetMeAsync(CancellationToken ct = default) =>
        CallAsync(() => _grains.GetGrain<ITenantGrain>(Tenant).GetAsync(), ct);

    public Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<TenantInfo>>(async () =>
        {
            var ids = await _grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync();
            var tenants = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select(id => _grains.GetGrain<ITenantGrain>(id).GetAsync()));
            return tenants;
        }, ct);

    public Task<TenantCreated> CreateTenantAsync(NewTenant tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        GrainKeys.ValidateTenantId(tenant.TenantId);
        return CallAsync(async () =>
        {
            var grain = _grains.GetGrain<ITenantGrain>(tenant.TenantId);
            var key = await grain.CreateAsync(tenant.ToRequest());
            return new TenantCreated(await grain.GetAsync(), key);
        }, ct);
    }

    public Task<TenantInfo> GetTenantAsync(string tenantId, CancellationToken ct = default) =>
        CallAsync(() => TenantGrain(tenantId).GetAsync(), ct);

    public Task<TenantInfo> SetQuotasAsync(string tenantId, TenantQuotas quotas, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        return CallAsync(() => TenantGrain(tenantId).SetQuotasAsync(quotas), ct);
    }

    public Task<TenantInfo> SetWeightAsync(string tenantId, double weight, CancellationToken ct = default) =>
        CallAsync(() => TenantGrain(tenantId).SetWeightAsync(weight), ct);

    public Task<CreatedApiKey> CreateApiKeyAsync(string tenantId, string label, CancellationToken ct = default) =>
        CallAsync(() => TenantGrain(tenantId).CreateKeyAsync(label), ct);

    public Task<CreatedApiKey> RotateApiKeyAsync(string tenantId, string keyId, CancellationToken ct = default) =>
        CallAsync(() => TenantGrain(tenantId).RotateKeyAsync(keyId), ct);

    public Task RevokeApiKeyAsync(string tenantId, string keyId, CancellationToken ct = default) =>
        CallAsync(() => TenantGrain(tenantId).RevokeKeyAsync(keyId), ct);

    private ITenantGrain TenantGrain(string tenantId) => _grains.GetGrain<ITenantGrain>(GrainKeys.ValidateTenantId(tenantId));
}
