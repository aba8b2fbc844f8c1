namespace AIMass.Silo.Jobs;

/// <summary>
/// Long-lived threads for the synchronous part of training jobs (a trial trains on the thread that starts it). A
/// thread that finishes its job waits for the next one instead of exiting, so a short trial does not pay for a new
/// thread; there are never more threads than jobs that ran at the same time on this silo.
/// </summary>
internal sealed class JobThreads : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<JobThread> _idle = new();
    private bool _disposed;

    /// <summary>
    /// Runs <paramref name="work"/> on an idle job thread, or on a new one when all are busy, in the caller's execution
    /// context (request context and trace activity flow into the job as they would into a task).
    /// </summary>
    public void Run(Action action)
    {
        var context = ExecutionContext.Capture();
        Action work = context is null ? action : () => ExecutionContext.Run(context, static state => ((Action)state!)(), action);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                idle.Assign(work);
                return;
            }
        }
        var thread = new JobThread(this, work);
        thread.Start();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var idle)) idle.Assign(null);
        }
    }

    /// <summary>Puts a thread that finished its job back on the idle stack; false when the pool is closed.</summary>
    private bool Park(JobThread thread)
    {
        lock (_gate)
        {
            if (_disposed) return false;
            _idle.Push(thread);
            return true;
        }
    }

    private sealed class JobThread(JobThreads owner, Action first)
    {
        // No spinning before blocking: an idle job thread may wait minutes, and spinning steals cores from busy ones.
        private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
        private Action? _work = first;

        public void Start() => new Thread(Loop) { IsBackground = true, Name = "aimass-job" }.Start();

        public void Assign(Action? work)
        {
            _work = work;
            _signal.Set();
        }

        private void Loop()
        {
            while (_work is { } work)
            {
                _work = null;
                work();
                if (!owner.Park(this)) break;
                _signal.Wait();
                _signal.Reset();
            }
            _signal.Dispose();
        }
    }
}
