using AIMass.Grains.Tenants;

namespace AIMass.Web.Apis.Requests;

/// <summary>Body of <c>POST /api/tenants</c>.</summary>
public sealed record CreateTenantRequest(
    string TenantId,
    string DisplayName,
    double? Weight = null,
    TenantQuotas? Quotas = null,
    bool? ShareMetaKnowledge = null);
