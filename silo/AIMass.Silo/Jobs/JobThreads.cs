namespace AIMass.Silo.Jobs;

/// <summary>
/// Long-lived threads for the compute of training jobs, so that minutes of training never hold a thread-pool thread
/// (Orleans runs grain turns on the pool). A thread that finishes its job waits for the next one instead of exiting,
/// so a short trial does not pay for a new thread; there are never more threads than jobs that ran at the same time
/// on this silo.
/// </summary>
internal sealed class JobThreads : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<JobThread> _idle = new();
    private bool _disposed;
    private int _threadCount;

    /// <summary>
    /// Runs <paramref name="work"/> on an idle job thread, or on a new one when all are busy, in the caller's execution
    /// context (request context and trace activity flow into the job as they would into a task). The task ends with
    /// its result or with the exception it threw (an <see cref="OperationCanceledException"/> included, as thrown),
    /// once the thread is idle again, so a job started after it reuses the thread.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        T result = default!;
        Exception? error = null;
        Run(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, then: () =>
        {
            if (error is null) done.SetResult(result);
            else done.SetException(error);
        });
        return done.Task;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on an idle job thread, or on a new one when all are busy, in the caller's
    /// execution context.
    /// </summary>
    public void Run(Action action) => Run(action, then: null);

    private void Run(Action action, Action? then)
    {
        var context = ExecutionContext.Capture();
        Action work = context is null ? action : () => ExecutionContext.Run(context, static state => ((Action)state!)(), action);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                idle.Assign(work, then);
                return;
            }
        }
        var thread = new JobThread(this, work, then);
        Interlocked.Increment(ref _threadCount);
        thread.Start();
    }

    /// <summary>Job threads alive now (busy or idle).</summary>
    public int ThreadCount => Volatile.Read(ref _threadCount);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var idle)) idle.Assign(null, null);
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

    private sealed class JobThread(JobThreads owner, Action first, Action? firstThen)
    {
        // No spinning before blocking: an idle job thread may wait minutes, and spinning steals cores from busy ones.
        private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
        private Action? _work = first;
        private Action? _then = firstThen;

        public void Start() => new Thread(Loop) { IsBackground = true, Name = "aimass-job" }.Start();

        /// <summary>The next job, and what to do once the thread is idle again after it.</summary>
        public void Assign(Action? work, Action? then)
        {
            _then = then;
            _work = work;
            _signal.Set();
        }

        private void Loop()
        {
            while (_work is { } work)
            {
                var then = _then;
                _work = null;
                _then = null;
                work();
                var parked = owner.Park(this);
                then?.Invoke();
                if (!parked) break;
                _signal.Wait();
                _signal.Reset();
            }
            _signal.Dispose();
            Interlocked.Decrement(ref owner._threadCount);
        }
    }
}
