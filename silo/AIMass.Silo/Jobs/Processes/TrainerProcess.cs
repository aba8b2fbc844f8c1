using System.Diagnostics;
using System.Net.Sockets;
using AIMass.Trainer.Protocol;
using Microsoft.Extensions.Logging;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// One trainer worker process and the socket it is connected to. <see cref="Run"/> sends it a job and, on the calling
/// (job) thread, relays its epoch reports and verdicts until it answers with a result, enforcing the job's limits: a
/// data-segment cap set with prlimit, a resident-memory watch at every heartbeat, a wall-clock limit, and a heartbeat
/// timeout. Exceeding one, a crash, or a cancel ends the process (the pool starts another); the silo carries on.
/// </summary>
internal sealed partial class TrainerProcess : IDisposable
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);
    private readonly Process _process;
    private readonly Socket _socket;
    private readonly MessageChannel _channel;
    private readonly ILogger _logger;
    private readonly Queue<string> _stderr = new();
    private readonly Lock _gate = new();
    private string? _killReason;
    private int _jobCount;
    private volatile int _activeJob;

    private TrainerProcess(Process process, Socket socket, ILogger logger)
    {
        _process = process;
        _socket = socket;
        _channel = new MessageChannel(new NetworkStream(socket, ownsSocket: false));
        _logger = logger;
    }

    public int ProcessId => _process.Id;

    /// <summary>Jobs this process has run to a result.</summary>
    public int JobsRun { get; private set; }

    /// <summary>False once the process was killed, exited or failed a job: it must not be reused.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>Starts a trainer, waits for it to connect to a new socket at <paramref name="socketPath"/> and checks its hello.</summary>
    public static TrainerProcess Start(TrainerLaunch launch, string socketPath, int threads, TimeSpan startTimeout, ILogger logger)
    {
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        var process = Process.Start(launch.StartInfo(socketPath, threads)) ?? throw new TrainerFailureException("the trainer process could not be started", retryable: true);
        Socket? socket = null;
        try
        {
            using var timeout = new CancellationTokenSource(startTimeout);
            var accepting = listener.AcceptAsync(timeout.Token).AsTask();
            var exited = process.WaitForExitAsync(timeout.Token);
            Task.WaitAny(accepting, exited);
            if (!accepting.IsCompletedSuccessfully)
            {
                var why = process.HasExited ? $"exited with code {process.ExitCode}: {process.StandardError.ReadToEnd().Trim()}" : $"did not connect within {startTimeout.TotalSeconds:0} s";
                throw new TrainerFailureException($"the trainer process {why}", retryable: true);
            }
            socket = accepting.Result;
            var trainer = new TrainerProcess(process, socket, logger);
            trainer.ForwardOutput();
            socket.ReceiveTimeout = (int)startTimeout.TotalMilliseconds;
            var hello = trainer._channel.Receive();
            if (hello is not { Type: TrainerProtocol.Hello } || hello.Protocol != TrainerProtocol.Version)
            {
                trainer.Dispose();
                throw new TrainerFailureException($"the trainer speaks protocol {hello?.Protocol?.ToString() ?? "?"}, this silo {TrainerProtocol.Version}", retryable: false);
            }
            return trainer;
        }
        catch
        {
            socket?.Dispose();
            TryKill(process);
            process.Dispose();
            throw;
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    /// <summary>
    /// Runs <paramref name="job"/> to its result. Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="ct"/> stopped it, <see cref="TrainerFailureException"/> when it failed, hit a limit or its process died.
    /// </summary>
    public TrainerJobResult Run(TrainerJob job, Func<int, double, string> onEpoch, JobLimits limits, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Reusable = false; // until the job ends cleanly
        var jobId = ++_jobCount;
        _activeJob = jobId;
        MemoryLimit.TryApply(_process.Id, limits.MemoryBytes);
        _socket.ReceiveTimeout = (int)limits.HeartbeatTimeout.TotalMilliseconds;
        using var deadline = new Timer(_ => Kill($"exceeded the job time limit of {Describe(limits.TimeLimit)}"), null, limits.TimeLimit, Timeout.InfiniteTimeSpan);
        using var cancelled = ct.Register(() => CancelJob(jobId));
        long peak = 0;
        try
        {
            _channel.Send(new TrainerMessage { Type = TrainerProtocol.Start, Job = job });
            while (_channel.Receive() is { } message)
            {
                switch (message.Type)
                {
                    case TrainerProtocol.Heartbeat:
                        peak = Math.Max(peak, message.ResidentBytes ?? 0);
                        if (message.ResidentBytes > limits.MemoryBytes) Kill($"exceeded the {JobLimits.DescribeBytes(limits.MemoryBytes)} memory limit ({JobLimits.DescribeBytes(message.ResidentBytes.Value)} resident)");
                        break;
                    case TrainerProtocol.Epoch:
                        var verdict = onEpoch(message.EpochNumber ?? 0, message.Value ?? double.NaN);
                        _channel.Send(new TrainerMessage { Type = TrainerProtocol.Verdict, Decision = verdict });
                        break;
                    case TrainerProtocol.Result when message.Result is { } result:
                        JobsRun++;
                        Reusable = true;
                        return result;
                    case TrainerProtocol.Failure:
                        throw Failed(message, limits, ct);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
            if (e is IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } or SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                Kill($"the trainer stopped responding (no heartbeat for {limits.HeartbeatTimeout.TotalSeconds:0} s)");
            }
        }
        finally
        {
            _activeJob = 0;
        }
        throw Ended(limits, peak, ct);
    }

    /// <summary>Ends the process at once; the first reason given is the one the job reports.</summary>
    public void Kill(string reason)
    {
        lock (_gate) _killReason ??= reason;
        Reusable = false;
        TryKill(_process);
    }

    /// <summary>Asks the trainer to shut down, then makes sure it has.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _channel.Send(new TrainerMessage { Type = TrainerProtocol.Shutdown });
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(2))) TryKill(_process);
        _channel.Dispose();
        _socket.Dispose();
        _process.Dispose();
    }

    private void CancelJob(int jobId)
    {
        try
        {
            _channel.Send(new TrainerMessage { Type = TrainerProtocol.Cancel });
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        // A job deep inside one long epoch may not look at its token soon: the process goes after a short grace.
        _ = Task.Delay(CancelGrace).ContinueWith(_ =>
        {
            if (_activeJob == jobId) Kill("cancelled");
        }, TaskScheduler.Default);
    }

    private Exception Failed(TrainerMessage failure, JobLimits limits, CancellationToken ct)
    {
        if (failure.FailureKind == FailureKinds.Cancelled)
        {
            Reusable = true; // the job stopped cleanly; the process can take the next one
            return new OperationCanceledException(failure.Error, ct);
        }
        var error = FirstLine(failure.Error);
        return failure.FailureKind == FailureKinds.Memory
            ? new TrainerFailureException($"exceeded the {JobLimits.DescribeBytes(limits.MemoryBytes)} memory limit ({error})", retryable: false)
            : new TrainerFailureException(error, retryable: false);
    }

    private Exception Ended(JobLimits limits, long peak, CancellationToken ct)
    {
        Reusable = false;
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) TryKill(_process);
        string? killed;
        lock (_gate) killed = _killReason;
        if (ct.IsCancellationRequested && killed is null or "cancelled") return new OperationCanceledException("The job was cancelled.", ct);
        if (killed is not null) return new TrainerFailureException(killed, retryable: killed.StartsWith("the trainer stopped responding", StringComparison.Ordinal));
        var exit = _process.HasExited ? _process.ExitCode : -1;
        var how = exit > 128 ? $"was killed by signal {exit - 128}" : $"exited with code {exit}";
        string[] lastLines;
        lock (_stderr) lastLines = _stderr.ToArray();
        var outOfMemory = peak >= limits.MemoryBytes * 9 / 10 || lastLines.Any(line => line.Contains("out of memory", StringComparison.OrdinalIgnoreCase) || line.Contains("OutOfMemory", StringComparison.Ordinal));
        if (outOfMemory) return new TrainerFailureException($"exceeded the {JobLimits.DescribeBytes(limits.MemoryBytes)} memory limit (the trainer process {how})", retryable: false);
        LogCrashed(_process.Id, how, string.Join(" | ", lastLines.TakeLast(5)));
        return new TrainerFailureException($"the trainer process {how}", retryable: true);
    }

    private void ForwardOutput()
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                if (_stderr.Count > 20) _stderr.Dequeue();
            }
            LogTrainerOutput(_process.Id, e.Data);
        };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) LogTrainerOutput(_process.Id, e.Data);
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static string FirstLine(string? text)
    {
        var line = (text ?? "the job failed").Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static string Describe(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.#} s";

    [LoggerMessage(Level = LogLevel.Debug, Message = "trainer {ProcessId}: {Line}")]
    private partial void LogTrainerOutput(int processId, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trainer process {ProcessId} {How}; last output: {Output}")]
    private partial void LogCrashed(int processId, string how, string output);
}
