using AIMass.Silo.Configuration;
using Microsoft.Extensions.Logging;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// This silo's trainer processes: a job rents one (an idle one, else a new one) and gives it back when it ends. A
/// process is reused for the next job unless its job failed, it was killed, it has run
/// <see cref="TrainerOptions.MaxJobsPerProcess"/> jobs or enough are idle already; then it is shut down. One spare is
/// kept started while every trainer is busy, so that a job rarely waits for a process to start.
/// </summary>
internal sealed partial class TrainerPool(TrainerLaunch launch, string socketFolder, int threads, TrainerOptions options, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<TrainerProcess> _idle = new();
    private readonly HashSet<TrainerProcess> _rented = [];
    private int _started;
    private int _sparesStarting;
    private bool _disposed;

    /// <summary>Process ids of the trainers alive now, idle or running a job (tests).</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate) return _idle.Concat(_rented).Select(p => p.ProcessId).ToArray();
        }
    }

    /// <summary>Process ids of the trainers running a job now (tests).</summary>
    public IReadOnlyList<int> BusyProcessIds
    {
        get
        {
            lock (_gate) return _rented.Select(p => p.ProcessId).ToArray();
        }
    }

    /// <summary>A trainer for one job (blocks while a new one starts).</summary>
    public TrainerProcess Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                _rented.Add(idle);
                KeepSpare();
                return idle;
            }
        }
        var trainer = StartOne();
        lock (_gate) KeepSpare();
        lock (_gate)
        {
            if (!_disposed)
            {
                _rented.Add(trainer);
                return trainer;
            }
        }
        trainer.Dispose();
        throw new ObjectDisposedException(nameof(TrainerPool));
    }

    /// <summary>
    /// Takes a trainer back after its job: kept for the next one, or retired. A retired trainer is shut down and, while
    /// fewer than <see cref="TrainerOptions.MaxIdleProcesses"/> are idle, replaced by a new one, both in the background,
    /// so that neither this job's end nor the next job's start waits for a process.
    /// </summary>
    public void Return(TrainerProcess trainer)
    {
        bool replace;
        lock (_gate)
        {
            _rented.Remove(trainer);
            var keep = trainer.Reusable && trainer.JobsRun < options.MaxJobsPerProcess;
            if (!_disposed && keep && _idle.Count < options.MaxIdleProcesses)
            {
                _idle.Push(trainer);
                return;
            }
            replace = !_disposed && _idle.Count < options.MaxIdleProcesses;
            if (replace) _sparesStarting++;
        }
        LogRetired(trainer.ProcessId, trainer.JobsRun, trainer.Reusable);
        _ = Task.Run(trainer.Dispose);
        if (replace) _ = Task.Run(StartSpare);
    }

    /// <summary>
    /// With the gate held: when no trainer is idle or starting, one is started in the background, so that the next job,
    /// or the replacement of a retired trainer, finds one ready (a start costs about a second).
    /// </summary>
    private void KeepSpare()
    {
        if (_disposed || _idle.Count > 0 || _sparesStarting > 0 || options.MaxIdleProcesses == 0) return;
        _sparesStarting++;
        _ = Task.Run(StartSpare);
    }

    private void StartSpare()
    {
        TrainerProcess? spare = null;
        try
        {
            spare = StartOne();
        }
        catch (Exception e) when (e is TrainerFailureException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            LogSpareFailed(e); // the next job starts its own
        }
        lock (_gate)
        {
            _sparesStarting = Math.Max(0, _sparesStarting - 1);
            if (spare is null) return;
            if (!_disposed && _idle.Count < options.MaxIdleProcesses)
            {
                _idle.Push(spare);
                return;
            }
        }
        spare.Dispose();
    }

    private TrainerProcess StartOne()
    {
        int number;
        lock (_gate) number = ++_started;
        var trainer = TrainerProcess.Start(launch, Path.Combine(socketFolder, $"t{number}.sock"), threads, options.StartTimeout, logger);
        LogStarted(trainer.ProcessId);
        return trainer;
    }

    /// <summary>Ends every trainer, idle or busy (a busy one's job then fails as cancelled or crashed).</summary>
    public void Dispose()
    {
        TrainerProcess[] all;
        lock (_gate)
        {
            _disposed = true;
            all = _idle.Concat(_rented).ToArray();
            _idle.Clear();
        }
        foreach (var trainer in all) trainer.Kill("the silo is stopping");
        foreach (var trainer in all.Where(t => !_rented.Contains(t))) trainer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trainer process {ProcessId} started")]
    private partial void LogStarted(int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spare trainer process could not be started")]
    private partial void LogSpareFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trainer process {ProcessId} retired after {Jobs} jobs (reusable: {Reusable})")]
    private partial void LogRetired(int processId, int jobs, bool reusable);
}
