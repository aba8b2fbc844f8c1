using AIMass.Grains;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;
using AIMass.Web.Apis.Requests;
using AIMass.Web.Security;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AIMass.Web.Apis;

/// <summary>
/// <c>/api/tenants</c>: the admin creates and lists tenants and sets quotas and weights; a tenant (or the admin)
/// reads it and manages its keys. A tenant naming another tenant is refused by the grains' isolation filter (403).
/// </summary>
public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapGet("", ListAsync).RequireAuthorization(AuthPolicies.ApiAdmin).WithName("ListTenants")
            .WithSummary("Every tenant (admin).");
        tenants.MapPost("", CreateAsync).RequireAuthorization(AuthPolicies.ApiAdmin).WithName("CreateTenant")
            .WithSummary("Creates a tenant and its first API key, whose secret is shown this once (admin).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapGet("/{id}", GetAsync).RequireAuthorization(AuthPolicies.ApiAny).WithName("GetTenant")
            .WithSummary("A tenant (the admin, or that tenant).").ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPut("/{id}/quotas", SetQuotasAsync).RequireAuthorization(AuthPolicies.ApiAdmin).WithName("SetTenantQuotas")
            .WithSummary("Replaces a tenant's quotas (admin).").ProducesProblem(StatusCodes.Status400BadRequest);
        tenants.MapPut("/{id}/weight", SetWeightAsync).RequireAuthorization(AuthPolicies.ApiAdmin).WithName("SetTenantWeight")
            .WithSummary("Sets a tenant's fair-share weight (admin).").ProducesProblem(StatusCodes.Status400BadRequest);
        tenants.MapPost("/{id}/keys", CreateKeyAsync).RequireAuthorization(AuthPolicies.ApiAny).WithName("CreateApiKey")
            .WithSummary("Adds an API key; its secret is shown this once.");
        tenants.MapPost("/{id}/keys/{keyId}/rotate", RotateKeyAsync).RequireAuthorization(AuthPolicies.ApiAny).WithName("RotateApiKey")
            .WithSummary("Replaces a key by a new one with the same label; the old one stops working at once.");
        tenants.MapDelete("/{id}/keys/{keyId}", RevokeKeyAsync).RequireAuthorization(AuthPolicies.ApiAny).WithName("RevokeApiKey")
            .WithSummary("Revokes a key.");
        return api;
    }

    private static async Task<Ok<TenantInfo[]>> ListAsync(IGrainFactory grains) => TypedResults.Ok(await grains.ListTenantsAsync());

    private static async Task<Created<CreateTenantResponse>> CreateAsync(CreateTenantRequest request, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.TenantId)) errors.Add(new(null, "tenantId", "is required"));
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors.Add(new(null, "displayName", "is required"));
        if (errors.Count > 0) throw ServiceException.Invalid("The tenant is incomplete: " + string.Join("; ", errors), errors);
        try
        {
            GrainKeys.ValidateTenantId(request.TenantId);
        }
        catch (ServiceException e)
        {
            throw ServiceException.Invalid(e.Message, [new FieldError(null, "tenantId", e.Message)]);
        }

        var tenant = grains.Tenant(request.TenantId);
        var defaults = new TenantCreateRequest { DisplayName = request.DisplayName };
        var key = await tenant.CreateAsync(defaults with
        {
            DisplayName = request.DisplayName.Trim(),
            Weight = request.Weight ?? defaults.Weight,
            Quotas = request.Quotas ?? defaults.Quotas,
            ShareMetaKnowledge = request.ShareMetaKnowledge ?? defaults.ShareMetaKnowledge,
        });
        var info = await tenant.GetAsync();
        return TypedResults.Created($"/api/tenants/{info.TenantId}", new CreateTenantResponse(info, key));
    }

    private static async Task<Ok<TenantInfo>> GetAsync(string id, IGrainFactory grains)
    {
        var tenant = grains.Tenant(id);
        if (!await tenant.ExistsAsync()) throw ServiceException.NotFound($"Tenant '{id}'");
        return TypedResults.Ok(await tenant.GetAsync());
    }

    private static async Task<Ok<TenantInfo>> SetQuotasAsync(string id, TenantQuotas quotas, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Tenant(id).SetQuotasAsync(quotas));

    private static async Task<Ok<TenantInfo>> SetWeightAsync(string id, WeightRequest request, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Tenant(id).SetWeightAsync(request.Weight));

    private static async Task<Created<CreatedApiKey>> CreateKeyAsync(string id, CreateKeyRequest? request, IGrainFactory grains)
    {
        var key = await grains.Tenant(id).CreateKeyAsync(request?.Label ?? "key");
        return TypedResults.Created($"/api/tenants/{id}", key);
    }

    private static async Task<Ok<CreatedApiKey>> RotateKeyAsync(string id, string keyId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Tenant(id).RotateKeyAsync(keyId));

    private static async Task<NoContent> RevokeKeyAsync(string id, string keyId, IGrainFactory grains)
    {
        await grains.Tenant(id).RevokeKeyAsync(keyId);
        return TypedResults.NoContent();
    }
}
