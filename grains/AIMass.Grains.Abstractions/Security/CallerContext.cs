namespace AIMass.Grains.Security;

/// <summary>
/// Carries the caller's identity in Orleans' request context, so that it flows with every grain call
/// made on behalf of that caller. The edge (HTTP API, portal, SDK) sets it after authenticating; silo
/// services set <see cref="Caller.System"/>; the tenant isolation filter reads it.
/// </summary>
public static class CallerContext
{
    private const string RoleKey = "aimass.role";
    private const string TenantKey = "aimass.tenant";

    /// <summary>The caller of the current call (or <see cref="Caller.None"/>).</summary>
    public static Caller Current
    {
        get
        {
            var role = RequestContext.Get(RoleKey) is int r ? (CallerRole)r : CallerRole.None;
            var tenant = RequestContext.Get(TenantKey) as string;
            return new Caller(role, tenant);
        }
    }

    /// <summary>Sets the caller for calls made from this async flow; dispose to restore the previous one.</summary>
    public static IDisposable Use(Caller caller)
    {
        var previous = Current;
        Apply(caller);
        return new Restore(previous);
    }

    /// <summary>Shortcut for <c>Use(Caller.System)</c>.</summary>
    public static IDisposable AsSystem() => Use(Caller.System);

    private static void Apply(Caller caller)
    {
        if (caller.Role == CallerRole.None)
        {
            RequestContext.Remove(RoleKey);
        }
        else
        {
            RequestContext.Set(RoleKey, (int)caller.Role);
        }

        if (caller.TenantId is null)
        {
            RequestContext.Remove(TenantKey);
        }
        else
        {
            RequestContext.Set(TenantKey, caller.TenantId);
        }
    }

    private sealed class Restore(Caller previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Apply(previous);
        }
    }
}
