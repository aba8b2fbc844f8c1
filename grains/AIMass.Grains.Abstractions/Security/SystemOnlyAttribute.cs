namespace AIMass.Grains.Security;

/// <summary>The grain method may be called only by the service itself (workers, timers), never by a tenant or admin.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface)]
public sealed class SystemOnlyAttribute : Attribute
{
}
