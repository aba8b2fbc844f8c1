using AIMass.Trainer.Jobs;
using AIMass.Trainer.Protocol;
using AIMass.Training.Artifacts;

namespace AIMass.Trainer.Worker;

/// <summary>
/// The trainer process's life: say hello, then run the jobs the silo sends, one at a time, on a job thread, while this
/// thread reads verdicts and cancels and a timer sends heartbeats. Ends when the silo says shutdown or closes the
/// socket (a silo that dies takes its trainers with it).
/// </summary>
internal sealed class WorkerLoop(MessageChannel channel)
{
    private readonly TableFiles _tables = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<string>? _pendingVerdict;
    private CancellationTokenSource? _jobCancellation;
    private Thread? _jobThread;

    public int Run()
    {
        channel.Send(new TrainerMessage { Type = TrainerProtocol.Hello, Protocol = TrainerProtocol.Version, ProcessId = Environment.ProcessId });
        using var heartbeat = new Timer(_ => SendHeartbeat(), null, TimeSpan.Zero, TrainerProtocol.HeartbeatInterval);
        while (channel.Receive() is { } message)
        {
            switch (message.Type)
            {
                case TrainerProtocol.Start when message.Job is { } job:
                    StartJob(job);
                    break;
                case TrainerProtocol.Verdict:
                    lock (_gate) _pendingVerdict?.TrySetResult(message.Decision ?? JobVerdicts.Continue);
                    break;
                case TrainerProtocol.Cancel:
                    lock (_gate)
                    {
                        _jobCancellation?.Cancel();
                        _pendingVerdict?.TrySetResult(JobVerdicts.Abandon);
                    }
                    break;
                case TrainerProtocol.Shutdown:
                    return 0;
                default:
                    Console.Error.WriteLine($"aimass-trainer: unexpected message '{message.Type}' ignored");
                    break;
            }
        }
        return 0;
    }

    private void SendHeartbeat()
    {
        try
        {
            var (resident, peak) = ProcessMemory.Read();
            channel.Send(new TrainerMessage { Type = TrainerProtocol.Heartbeat, ResidentBytes = resident, PeakResidentBytes = peak });
        }
        catch (IOException)
        {
            // The silo is gone; the read loop ends the process.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void StartJob(TrainerJob job)
    {
        lock (_gate)
        {
            if (_jobThread is { IsAlive: true })
            {
                channel.Send(new TrainerMessage { Type = TrainerProtocol.Failure, FailureKind = FailureKinds.Error, Error = "a job is already running in this trainer" });
                return;
            }
            _jobCancellation = new CancellationTokenSource();
            var ct = _jobCancellation.Token;
            _jobThread = new Thread(() => RunJob(job, ct)) { IsBackground = true, Name = "aimass-trainer-job" };
            _jobThread.Start();
        }
    }

    private void RunJob(TrainerJob job, CancellationToken ct)
    {
        TrainerMessage reply;
        try
        {
            var output = JobHandler.Run(job, LoadInputs(job), (epoch, value) => AskVerdict(epoch, value), ct);
            var temporary = job.ArtifactFile + ".tmp";
            using (var file = File.Create(temporary)) output.Artifact.Save(file);
            File.Move(temporary, job.ArtifactFile, overwrite: true);
            reply = new TrainerMessage { Type = TrainerProtocol.Result, Result = output.Result };
        }
        catch (OperationCanceledException e)
        {
            reply = new TrainerMessage { Type = TrainerProtocol.Failure, FailureKind = FailureKinds.Cancelled, Error = e.Message };
        }
        catch (Exception e)
        {
            var kind = OutOfMemory.Caused(e) ? FailureKinds.Memory : FailureKinds.Error;
            reply = new TrainerMessage { Type = TrainerProtocol.Failure, FailureKind = kind, Error = Describe(e) };
        }
        try
        {
            channel.Send(reply);
        }
        catch (IOException)
        {
        }
    }

    private JobInputs LoadInputs(TrainerJob job) => new()
    {
        Data = job.Kind == TrainerJobKinds.Ensemble ? null : _tables.Get(job.DatasetFile),
        Teacher = job.TeacherFile is { } teacher ? ModelArtifact.Load(teacher) : null,
        Candidates = job.CandidateFiles.OrderBy(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal) // numeric order, as in process
            .Select(kv => (kv.Key, ModelArtifact.Load(kv.Value))).ToArray(),
    };

    private string AskVerdict(int epoch, double value)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_jobCancellation?.IsCancellationRequested == true) return JobVerdicts.Abandon;
            _pendingVerdict = pending;
        }
        channel.Send(new TrainerMessage { Type = TrainerProtocol.Epoch, EpochNumber = epoch, Value = double.IsFinite(value) ? value : null });
        var verdict = pending.Task.GetAwaiter().GetResult();
        lock (_gate) _pendingVerdict = null;
        return verdict;
    }

    private static string Describe(Exception e) =>
        e is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{e.GetType().Name}: {e.Message}";
}
