namespace AIMass.Client.Tests.Deploy;

/// <summary>A fact that renders the manifests with kubectl: skipped, saying why, when kubectl cannot run them.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Unavailable is { } reason) Skip = reason;
    }
}
