using AIMass.Grains.Tenants;

namespace AIMass.Client.Tenants;

/// <summary>A newly created tenant and its first API key (the secret is shown this once).</summary>
public sealed record TenantCreated(TenantInfo Tenant, CreatedApiKey ApiKey);
