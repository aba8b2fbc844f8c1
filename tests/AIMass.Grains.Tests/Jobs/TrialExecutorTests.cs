using AIMass.Grains.Studies;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;
using AIMass.Silo.Devices;
using AIMass.Silo.Jobs;
using AIMass.Silo.Storage.Artifacts;

namespace AIMass.Grains.Tests.Jobs;

/// <summary>
/// Trials train on the executor's job threads, never on the thread pool that Orleans needs for grain turns, and a
/// finished job's thread is reused by the next one.
/// </summary>
public sealed class TrialExecutorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aimass-executor-").FullName;

    [Fact]
    public async Task Trials_train_on_a_reused_job_thread_not_the_pool()
    {
        var store = new LocalArtifactStore(_root);
        await store.WriteAsync("datasets/iris.csv", new MemoryStream(TestSamples.Bytes("iris.csv")));
        using var executor = new TrialExecutor(store, new DatasetCache(store), new SiloIdentity("test", "worker", ["cpu"], false, 1, 0, 1));
        var threads = new List<(bool Pool, string? Name)>();
        for (var n = 0; n < 2; n++)
        {
            var job = new TrialJob
            {
                TrialKey = $"t/{n}", TenantId = "t", StudyId = "s", Number = n, DatasetArtifactPath = "datasets/iris.csv",
                Target = "species", Task = "classification", Seed = n, SplitSeed = 1, MaxEpochs = 3,
                Params = new() { ["family"] = "mlp", ["layers"] = "1", ["width"] = "16", ["epochs"] = "3" },
                ArtifactPath = $"models/{n}.bin",
            };
            var lease = new TrialLease { LeaseId = $"lease-{n}", Worker = "test/cpu", Silo = "test", Device = "cpu" };
            var result = await executor.ExecuteAsync(job, lease, (_, _) =>
            {
                lock (threads) threads.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
                return EpochVerdict.Continue;
            }, CancellationToken.None);
            Assert.Equal(TrialOutcome.Completed, result.Outcome);
            Assert.True(await store.ExistsAsync(job.ArtifactPath));
        }
        Assert.Equal(6, threads.Count);
        Assert.All(threads, t => Assert.False(t.Pool));
        Assert.All(threads, t => Assert.Equal("aimass-job", t.Name));
        Assert.Equal(1, executor.TrainingThreads);
    }

    [Fact]
    public async Task A_job_threads_exception_reaches_the_awaiting_caller_as_thrown()
    {
        using var threads = new JobThreads();
        Assert.Equal(42, await threads.RunAsync(() => 42));
        var e = await Assert.ThrowsAsync<OperationCanceledException>(() => threads.RunAsync<int>(() => throw new OperationCanceledException("abandoned")));
        Assert.Equal("abandoned", e.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => threads.RunAsync<int>(() => throw new InvalidOperationException()));
        Assert.Equal(1, threads.ThreadCount);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
