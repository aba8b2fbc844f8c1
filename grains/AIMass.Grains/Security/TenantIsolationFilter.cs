using System.Collections.Concurrent;
using System.Reflection;
using AIMass.Grains.Security;

namespace AIMass.Grains.Security;

/// <summary>
/// Incoming grain call filter: refuses a call to a tenant-scoped grain whose caller is another tenant
/// (or unidentified), and calls to admin- or system-only methods from callers without that role.
/// Defence in depth behind the edge, which authenticates API keys and sets <see cref="CallerContext"/>.
/// </summary>
public sealed class TenantIsolationFilter : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, Rule> Rules = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        if (method is null || !method.DeclaringType!.Namespace!.StartsWith("AIMass.", StringComparison.Ordinal))
        {
            return context.Invoke();
        }

        var rule = Rules.GetOrAdd(method, Describe);
        var caller = CallerContext.Current;
        if (rule.SystemOnly && caller.Role != CallerRole.System)
        {
            throw ServiceException.Forbidden($"{rule.Name} is internal to the service and cannot be called by {caller}.");
        }
        if (rule.AdminOnly && !caller.IsPrivileged)
        {
            throw ServiceException.Forbidden($"{rule.Name} needs the admin role; the caller is {caller}.");
        }
        if (rule.TenantScoped)
        {
            var tenant = GrainKeys.TenantOf(context.TargetId.Key.ToString()!);
            if (!caller.MayAccess(tenant))
            {
                throw ServiceException.Forbidden(caller.Role == CallerRole.None
                    ? $"{rule.Name} refused: the call carries no caller identity."
                    : $"{rule.Name} refused: {caller} may not access resources of another tenant.");
            }
        }
        return context.Invoke();
    }

    private static Rule Describe(MethodInfo method)
    {
        var type = method.DeclaringType!;
        return new Rule(
            $"{type.Name}.{method.Name}",
            typeof(ITenantScopedGrain).IsAssignableFrom(type),
            method.IsDefined(typeof(AdminOnlyAttribute)) || type.IsDefined(typeof(AdminOnlyAttribute)),
            method.IsDefined(typeof(SystemOnlyAttribute)) || type.IsDefined(typeof(SystemOnlyAttribute)));
    }

    private sealed record Rule(string Name, bool TenantScoped, bool AdminOnly, bool SystemOnly);
}
