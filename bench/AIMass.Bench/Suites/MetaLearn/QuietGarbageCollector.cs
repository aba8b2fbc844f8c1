using System.Runtime;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// Keeps the garbage collector out of a training run. TorchSharp 0.107 passes the native handle of a temporary
/// <c>Scalar</c> (the implicit one in <c>a.add(b)</c>, <c>t.add_(1)</c>, <c>addcdiv_(.., value: x)</c>, inside
/// <c>BatchNorm</c>, ...) to libtorch without keeping the managed object alive; a collection during that native call
/// lets the finalizer free the scalar while libtorch reads it: "Unknown scalar type", "Expected false to be true ...
/// toFloat", or a segmentation fault, a few times in a thousand runs. Collecting before a run and holding a no-GC
/// region through it removes the window as long as the run allocates less than <see cref="Budget"/> managed bytes
/// and no other thread trains at the same time (the benchmark's <c>--parallel 1</c>). Runs that outgrow the region
/// are counted (<see cref="Overflows"/>). Opt-in (<c>--quiet-gc</c>): image ResNets diverge in their first epoch
/// under it, a training-engine defect that depends on finalisers running during training.
/// </summary>
internal static class QuietGarbageCollector
{
    /// <summary>Managed bytes a run may allocate before a collection can happen again.</summary>
    public const long Budget = 192L * 1024 * 1024;

    private static int _overflows;

    /// <summary>Runs whose allocations outgrew the no-GC region (a collection could then happen during the run).</summary>
    public static int Overflows => Volatile.Read(ref _overflows);

    /// <summary>Collects, then holds a no-GC region until the returned scope is disposed.</summary>
    public static IDisposable Enter()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new Scope(GC.TryStartNoGCRegion(Budget));
    }

    private sealed class Scope(bool started) : IDisposable
    {
        public void Dispose()
        {
            if (!started) return;
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            else Interlocked.Increment(ref _overflows);
        }
    }
}
