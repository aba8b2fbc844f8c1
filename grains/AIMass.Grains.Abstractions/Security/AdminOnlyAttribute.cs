namespace AIMass.Grains.Security;

/// <summary>The grain method may be called only by an administrator or by the service itself.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface)]
public sealed class AdminOnlyAttribute : Attribute
{
}
