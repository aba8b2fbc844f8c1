using System.Diagnostics;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;
using AIMass.Silo.Configuration;
using AIMass.Silo.Devices;
using AIMass.Silo.Jobs;
using AIMass.Silo.Jobs.Processes;
using AIMass.Silo.Storage.Artifacts;
using Microsoft.Extensions.Logging.Abstractions;

namespace AIMass.Grains.Tests.Jobs.Processes;

/// <summary>
/// Trials run in real trainer processes (the AIMass.Trainer executable built next to the silo): results and artifacts
/// come back as in process, a trainer is reused, and a job past its memory limit, a killed trainer or a cancel ends
/// only that job's attempt while the silo's process and its next jobs carry on.
/// </summary>
public sealed class ProcessTrialExecutorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aimass-process-executor-").FullName;
    private readonly IArtifactStore _store;

    public ProcessTrialExecutorTests()
    {
        _store = new LocalArtifactStore(_root);
        _store.WriteAsync("datasets/iris.csv", new MemoryStream(TestSamples.Bytes("iris.csv"))).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Trials_train_in_a_reused_trainer_process_and_their_artifacts_are_stored()
    {
        using var executor = NewExecutor();
        var epochs = new List<int>();
        var trainers = new HashSet<int>();
        var results = new List<TrialResult>();
        for (var n = 0; n < 2; n++)
        {
            results.Add(await executor.ExecuteAsync(Job(n, SmallNetwork), Lease(n), (epoch, _) =>
            {
                epochs.Add(epoch);
                trainers.Add(Assert.Single(executor.BusyTrainerProcessIds));
                return EpochVerdict.Continue;
            }, CancellationToken.None));
        }
        Assert.All(results, r => Assert.Equal(TrialOutcome.Completed, r.Outcome));
        // The same job code as in process, with the same seeds: the same model and scores.
        using var inProcess = new TrialExecutor(_store, new DatasetCache(_store), Identity);
        for (var n = 0; n < 2; n++)
        {
            var reference = await inProcess.ExecuteAsync(Job(n, SmallNetwork) with { ArtifactPath = $"reference/{n}.bin" }, Lease(n), (_, _) => EpochVerdict.Continue, CancellationToken.None);
            Assert.Equal(reference.ValidationScore, results[n].ValidationScore);
            Assert.Equal(reference.TestMetrics, results[n].TestMetrics);
            Assert.Equal(reference.ParameterCount, results[n].ParameterCount);
            Assert.Equal(reference.TrainRows, results[n].TrainRows);
        }
        Assert.Equal([1, 2, 3, 1, 2, 3], epochs);
        for (var n = 0; n < 2; n++)
        {
            Assert.True(await _store.ExistsAsync($"models/{n}.bin"));
            Assert.Equal((await _store.ReadAllBytesAsync($"models/{n}.bin")).Length, results[n].ArtifactBytes);
        }
        var trainer = Assert.Single(trainers); // both jobs ran in one reused process
        Assert.NotEqual(Environment.ProcessId, trainer);
        Assert.Contains(trainer, executor.TrainerProcessIds);
        Assert.Empty(executor.BusyTrainerProcessIds);
    }

    [Fact]
    public async Task A_prune_verdict_reaches_the_trainer_and_the_trial_is_pruned()
    {
        using var executor = NewExecutor();
        var result = await executor.ExecuteAsync(Job(0, SmallNetwork), Lease(0), (epoch, _) => epoch >= 2 ? EpochVerdict.Prune : EpochVerdict.Continue, CancellationToken.None);
        Assert.Equal(TrialOutcome.Pruned, result.Outcome);
        Assert.Equal(2, result.EpochsRun);
    }

    [Fact]
    public async Task A_job_past_its_memory_limit_fails_with_the_reason_and_the_next_job_runs()
    {
        using var executor = NewExecutor(memoryLimitMiB: 1024);
        var e = await Assert.ThrowsAsync<TrainerFailureException>(() => executor.ExecuteAsync(Job(0, HugeNetwork), Lease(0), (_, _) => EpochVerdict.Continue, CancellationToken.None));
        Assert.StartsWith("exceeded the 1 GiB memory limit", e.Message);
        Assert.False(e.Retryable);
        var next = await executor.ExecuteAsync(Job(1, SmallNetwork), Lease(1), (_, _) => EpochVerdict.Continue, CancellationToken.None);
        Assert.Equal(TrialOutcome.Completed, next.Outcome);
    }

    [Fact]
    public async Task A_killed_trainer_fails_only_its_attempt_as_retryable()
    {
        using var executor = NewExecutor();
        var killed = 0;
        var e = await Assert.ThrowsAsync<TrainerFailureException>(() => executor.ExecuteAsync(Job(0, SlowNetwork), Lease(0), (epoch, _) =>
        {
            if (Interlocked.Exchange(ref killed, 1) == 0) Process.GetProcessById(Assert.Single(executor.BusyTrainerProcessIds)).Kill();
            return EpochVerdict.Continue;
        }, CancellationToken.None));
        Assert.True(e.Retryable);
        Assert.Equal("the trainer process was killed by signal 9", e.Message);
        var next = await executor.ExecuteAsync(Job(1, SmallNetwork), Lease(1), (_, _) => EpochVerdict.Continue, CancellationToken.None);
        Assert.Equal(TrialOutcome.Completed, next.Outcome);
    }

    [Fact]
    public async Task A_cancel_stops_the_trainers_job_within_seconds()
    {
        using var executor = NewExecutor();
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var running = executor.ExecuteAsync(Job(0, SlowNetwork), Lease(0), (_, _) =>
        {
            started.TrySetResult();
            return EpochVerdict.Continue;
        }, cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Empty(executor.BusyTrainerProcessIds);
    }

    [Fact]
    public void A_trainer_starts_with_its_threads_and_passive_OpenMP_whether_or_not_the_silo_sets_it()
    {
        var launch = TrainerLaunch.Locate();
        var saved = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        try
        {
            Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", null);
            var info = launch.StartInfo("/tmp/x.sock", threads: 3);
            Assert.Equal("PASSIVE", info.Environment["OMP_WAIT_POLICY"]);
            Assert.Equal("3", info.Environment["OMP_NUM_THREADS"]);
            Assert.Equal(["--connect", "/tmp/x.sock"], info.ArgumentList.TakeLast(2));
            Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", "ACTIVE");
            Assert.Equal("ACTIVE", launch.StartInfo("/tmp/x.sock", threads: 1).Environment["OMP_WAIT_POLICY"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", saved);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly Dictionary<string, string> SmallNetwork = new() { ["family"] = "mlp", ["layers"] = "1", ["width"] = "16", ["epochs"] = "3" };

    private static readonly Dictionary<string, string> SlowNetwork = new() { ["family"] = "mlp", ["layers"] = "4", ["width"] = "512", ["epochs"] = "100000", ["batch_size"] = "2", ["patience"] = "0" };

    // 16 layers of 8192 x 8192 weights: about 4 GiB of parameters before any optimizer state.
    private static readonly Dictionary<string, string> HugeNetwork = new() { ["family"] = "mlp", ["layers"] = "16", ["width"] = "8192", ["epochs"] = "3" };

    private ProcessTrialExecutor NewExecutor(int memoryLimitMiB = 4096) => new(
        _store,
        Identity,
        new AIMassOptions { Trainer = new TrainerOptions { MemoryLimitMiB = memoryLimitMiB } },
        NullLogger<ProcessTrialExecutor>.Instance);

    private static readonly SiloIdentity Identity = new("test", "worker", ["cpu"], false, 1, 0, 1);

    private static TrialJob Job(int n, Dictionary<string, string> parameters) => new()
    {
        TrialKey = $"t/{n}", TenantId = "t", StudyId = "s", Number = n, DatasetArtifactPath = "datasets/iris.csv",
        Target = "species", Task = "classification", Seed = n, SplitSeed = 1, MaxEpochs = int.Parse(parameters["epochs"]),
        Params = new(parameters), ArtifactPath = $"models/{n}.bin",
    };

    private static TrialLease Lease(int n) => new() { LeaseId = $"lease-{n}", Worker = "test/cpu", Silo = "test", Device = "cpu" };
}
