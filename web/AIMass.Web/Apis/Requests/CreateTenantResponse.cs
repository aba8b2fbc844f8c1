using AIMass.Grains.Tenants;

namespace AIMass.Web.Apis.Requests;

/// <summary>Answer of <c>POST /api/tenants</c>: the tenant and its first API key (the secret is shown this once).</summary>
public sealed record CreateTenantResponse(TenantInfo Tenant, CreatedApiKey ApiKey);
