namespace AIMass.Client.Tests.Deploy;

/// <summary>A theory that renders or applies the manifests with kubectl: skipped, saying why, when kubectl cannot run them.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Kubectl.Unavailable is { } reason) Skip = reason;
    }
}
