using AIMass.Client.Tenants;
using AIMass.Grains.Tenants;

namespace AIMass.Client.Http;

public sealed partial class HttpAIMassClient
{
    public Task<TenantInfo> GetMeAsync(CancellationToken ct = default) => GetAsync<TenantInfo>("me", ct);

    public async Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken ct = default) =>
        await GetAsync<TenantInfo[]>("tenants", ct).ConfigureAwait(false);

    public Task<TenantCreated> CreateTenantAsync(NewTenant tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return PostAsync<TenantCreated>("tenants", new
        {
            tenantId = tenant.TenantId,
            displayName = tenant.DisplayName,
            weight = tenant.Weight,
            quotas = tenant.Quotas,
            shareMetaKnowledge = tenant.ShareMetaKnowledge,
        }, ct);
    }

    public Task<TenantInfo> GetTenantAsync(string tenantId, CancellationToken ct = default) =>
        GetAsync<TenantInfo>($"tenants/{Segment(tenantId)}", ct);

    public Task<TenantInfo> SetQuotasAsync(string tenantId, TenantQuotas quotas, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        return PutAsync<TenantInfo>($"tenants/{Segment(tenantId)}/quotas", quotas, ct);
    }

    public Task<TenantInfo> SetWeightAsync(string tenantId, double weight, CancellationToken ct = default) =>
        PutAsync<TenantInfo>($"tenants/{Segment(tenantId)}/weight", new { weight }, ct);

    public Task<CreatedApiKey> CreateApiKeyAsync(string tenantId, string label, CancellationToken ct = default) =>
        PostAsync<CreatedApiKey>($"tenants/{Segment(tenantId)}/keys", new { label }, ct);

    public Task<CreatedApiKey> RotateApiKeyAsync(string tenantId, string keyId, CancellationToken ct = default) =>
        PostAsync<CreatedApiKey>($"tenants/{Segment(tenantId)}/keys/{Segment(keyId)}/rotate", null, ct);

    public Task RevokeApiKeyAsync(string tenantId, string keyId, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"tenants/{Segment(tenantId)}/keys/{Segment(keyId)}", ct);
}
