using System.Runtime.InteropServices;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// Caps a trainer process's data segment (<c>RLIMIT_DATA</c>: heap, anonymous private mappings; what libtorch and the
/// .NET GC allocate) with <c>prlimit(2)</c>, the soft limit only, so the next job may set another. An allocation past
/// it fails inside the trainer, which reports the job as out of memory. cgroup v2 <c>memory.max</c> is not used (this
/// silo does not assume it may create cgroups); the silo also watches each trainer's resident memory.
/// </summary>
internal static class MemoryLimit
{
    private const int RlimitData = 2;

    /// <summary>Sets the soft data limit of <paramref name="processId"/>; false where the platform has no prlimit or it was refused.</summary>
    public static bool TryApply(int processId, long bytes)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            if (prlimit(processId, RlimitData, IntPtr.Zero, out var current) != 0) return false;
            var limit = new RLimit { Current = (ulong)bytes, Maximum = current.Maximum };
            if (limit.Maximum != ulong.MaxValue && limit.Current > limit.Maximum) limit.Current = limit.Maximum;
            return prlimit(processId, RlimitData, ref limit, IntPtr.Zero) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static extern int prlimit(int pid, int resource, IntPtr newLimit, out RLimit oldLimit);

    [DllImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static extern int prlimit(int pid, int resource, ref RLimit newLimit, IntPtr oldLimit);
}
