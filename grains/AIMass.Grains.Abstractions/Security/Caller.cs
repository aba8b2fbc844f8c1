namespace AIMass.Grains.Security;

/// <summary>The identity of the current grain call: a role and, for tenants, the tenant id.</summary>
[GenerateSerializer, Immutable, Alias("aimass.caller")]
public sealed record Caller([property: Id(0)] CallerRole Role, [property: Id(1)] string? TenantId)
{
    public static Caller None { get; } = new(CallerRole.None, null);
    public static Caller System { get; } = new(CallerRole.System, null);
    public static Caller Admin { get; } = new(CallerRole.Admin, null);

    public static Caller ForTenant(string tenantId) => new(CallerRole.Tenant, GrainKeys.ValidateTenantId(tenantId));

    /// <summary>True for admins and the service itself.</summary>
    public bool IsPrivileged => Role is CallerRole.Admin or CallerRole.System;

    /// <summary>Whether this caller may touch data of <paramref name="tenantId"/>.</summary>
    public bool MayAccess(string tenantId) =>
        IsPrivileged || (Role == CallerRole.Tenant && string.Equals(TenantId, tenantId, StringComparison.Ordinal));

    public override string ToString() => Role == CallerRole.Tenant ? $"tenant '{TenantId}'" : Role.ToString().ToLowerInvariant();
}
