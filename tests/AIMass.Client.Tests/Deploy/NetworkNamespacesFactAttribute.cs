namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// A test that makes network namespaces: it runs as root with iproute2 (CI runs as root) and is skipped elsewhere,
/// saying why.
/// </summary>
public sealed class NetworkNamespacesFactAttribute : FactAttribute
{
    public NetworkNamespacesFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux network namespaces";
        else if (Environment.UserName != "root" && !IsRootByUid()) Skip = "needs root to create network namespaces (CI runs as root)";
        else if (!new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.Any(File.Exists)) Skip = "needs iproute2 ('ip') to create network namespaces";
    }

    private static bool IsRootByUid() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, "0", ..];
}
