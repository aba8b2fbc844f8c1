using AIMass.Silo.Configuration;
using Microsoft.Extensions.Logging;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// This silo's trainer processes: a job rents one (an idle one, else a new one) and gives it back when it ends. A
/// process is reused for the next job unless its job failed, it was killed, it has run
/// <see cref="TrainerOptions.MaxJobsPerProcess"/> jobs or enough are idle already; then it is shut down.
/// </summary>
internal sealed partial class TrainerPool(TrainerLaunch launch, string socketFolder, int threads, TrainerOptions options, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<TrainerProcess> _idle = new();
    private readonly HashSet<TrainerProcess> _rented = [];
    private int _started;
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
        int number;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                _rented.Add(idle);
                return idle;
            }
            number = ++_started;
        }
        var socket = Path.Combine(socketFolder, $"t{number}.sock");
        var trainer = TrainerProcess.Start(launch, socket, threads, options.StartTimeout, logger);
        LogStarted(trainer.ProcessId);
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

    /// <summary>Takes a trainer back after its job: kept for the next one, or shut down.</summary>
    public void Return(TrainerProcess trainer)
    {
        lock (_gate)
        {
            _rented.Remove(trainer);
            if (!_disposed && trainer.Reusable && trainer.JobsRun < options.MaxJobsPerProcess && _idle.Count < options.MaxIdleProcesses)
            {
                _idle.Push(trainer);
                return;
            }
        }
        LogRetired(trainer.ProcessId, trainer.JobsRun, trainer.Reusable);
        trainer.Dispose();
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trainer process {ProcessId} retired after {Jobs} jobs (reusable: {Reusable})")]
    private partial void LogRetired(int processId, int jobs, bool reusable);
}
