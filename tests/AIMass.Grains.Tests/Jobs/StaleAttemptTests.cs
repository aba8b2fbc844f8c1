using System.Text;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;
using AIMass.Silo.Devices;
using AIMass.Silo.Jobs;
using AIMass.Silo.Storage.Artifacts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AIMass.Grains.Tests.Jobs;

/// <summary>
/// An attempt whose lease was lost and given to another attempt may still finish and write its model: it writes its own
/// file, its result is refused, the runner deletes that file, and the trial keeps the accepted attempt's model.
/// Two job runners play the two attempts' silos against a real cluster whose only silo runs no jobs itself.
/// </summary>
public sealed class StaleAttemptTests : IAsyncLifetime
{
    private const string Tenant = "stale";
    private static readonly byte[] StaleModel = Encoding.UTF8.GetBytes("stale attempt's model");
    private static readonly byte[] AcceptedModel = Encoding.UTF8.GetBytes("accepted attempt's model");
    private ServiceCluster _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceCluster.StartAsync([new SiloSetup("none")], leaseDuration: TimeSpan.FromSeconds(3));

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_stale_attempts_artifact_never_replaces_the_accepted_one()
    {
        await _service.CreateTenantAsync(Tenant);
        await _service.UploadAsync(Tenant, "iris", TestSamples.Bytes("iris.csv"), target: "species");
        await _service.CreateStudyAsync(Tenant, "s", new StudySpec
        {
            Name = "s", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 1 }, Parallelism = 1,
            MaxEpochsPerTrial = 1, Pruner = "none", Distill = false, Validation = "holdout",
        });
        var trial = _service.Client.GetGrain<ITrialGrain>(GrainKeys.Trial(Tenant, "s", 0));
        await WaitForTrialAsync(trial, TrialStatus.Queued, "the trial to be queued");
        var store = new LocalArtifactStore(Path.Combine(_service.DataDirectory, "artifacts"));
        var executor = new ScriptedExecutor(store);

        // Attempt 1 runs on a silo that stops beating: its lease expires and the trial is queued again.
        await using var silent = Runner(store, executor, TimeSpan.FromHours(1));
        var (first, firstLease) = await StartAsync(trial, "a");
        executor.Hold(firstLease.LeaseId);
        silent.Start(firstLease.Worker, "cpu", first, firstLease);
        await WaitForTrialAsync(trial, TrialStatus.Queued, "the first lease to expire");

        // Attempt 2 runs to the end and is accepted.
        await using var healthy = Runner(store, executor, TimeSpan.FromMilliseconds(200));
        var (second, secondLease) = await StartAsync(trial, "b");
        healthy.Start(secondLease.Worker, "cpu", second, secondLease);
        var done = await WaitForTrialAsync(trial, TrialStatus.Complete, "the second attempt to complete");
        Assert.NotEqual(first.ArtifactPath, second.ArtifactPath);
        Assert.Equal(second.ArtifactPath, done.Summary.ArtifactPath);

        // Attempt 1 finishes late and writes its model: refused, and its file deleted.
        executor.Release(firstLease.LeaseId);
        await executor.WrittenAsync(firstLease.LeaseId).WaitAsync(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (await store.ExistsAsync(first.ArtifactPath))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the stale attempt's artifact {first.ArtifactPath} is still there");
            await Task.Delay(100);
        }
        Assert.Equal(AcceptedModel, await ((IArtifactStore)store).ReadAllBytesAsync(done.Summary.ArtifactPath!));
        using (ServiceCluster.AsSystem())
        {
            var after = await trial.GetAsync();
            Assert.Equal(TrialStatus.Complete, after.Summary.Status);
            Assert.Equal(second.ArtifactPath, after.Summary.ArtifactPath);
            // Only the accepted model counts against the tenant's stored bytes; the refused stale one is not charged.
            var usage = (await _service.Client.GetGrain<ITenantGrain>(Tenant).GetAsync()).Usage;
            Assert.Equal(TestSamples.Bytes("iris.csv").Length + AcceptedModel.Length, usage.StoredBytes);
        }
    }

    private TrainingJobRunner Runner(LocalArtifactStore store, ScriptedExecutor executor, TimeSpan heartbeat) =>
        new(_service.Client, executor, store, new SiloIdentity("elsewhere", "worker", ["cpu"], false, 1, 0, 1),
            Options.Create(new JobSchedulingOptions { HeartbeatInterval = heartbeat }), NullLogger<TrainingJobRunner>.Instance);

    private async Task<(TrialJob Job, TrialLease Lease)> StartAsync(ITrialGrain trial, string name)
    {
        var now = DateTimeOffset.UtcNow;
        var lease = new TrialLease
        {
            LeaseId = $"{name}{Guid.NewGuid():N}", Worker = $"elsewhere-{name}/cpu", Silo = $"elsewhere-{name}", Device = "cpu",
            GrantedUtc = now, DeadlineUtc = now.AddSeconds(3),
        };
        using var _ = ServiceCluster.AsSystem();
        var job = await trial.StartAsync(lease);
        Assert.NotNull(job);
        return (job, lease);
    }

    private async Task<TrialInfo> WaitForTrialAsync(ITrialGrain trial, TrialStatus status, string what) =>
        await _service.WaitForAsync(Tenant, () => trial.GetAsync(), t => t.Summary.Status == status, TimeSpan.FromMinutes(1), what);

    /// <summary>Writes a marker model to the job's artifact path, after a hold for the leases told to wait.</summary>
    private sealed class ScriptedExecutor(LocalArtifactStore store) : ITrialExecutor
    {
        private readonly Dictionary<string, TaskCompletionSource> _holds = [];
        private readonly Dictionary<string, TaskCompletionSource> _written = [];

        public void Hold(string leaseId) => Gate(_holds, leaseId);

        public void Release(string leaseId) => Gate(_holds, leaseId).TrySetResult();

        public Task WrittenAsync(string leaseId) => Gate(_written, leaseId).Task;

        public async Task<TrialResult> ExecuteAsync(TrialJob job, TrialLease lease, Func<int, double, EpochVerdict> onEpoch, CancellationToken ct)
        {
            TaskCompletionSource? hold;
            lock (_holds) hold = _holds.GetValueOrDefault(lease.LeaseId);
            if (hold is not null) await hold.Task;
            var model = hold is null ? AcceptedModel : StaleModel;
            await store.WriteAsync(job.ArtifactPath, new MemoryStream(model), CancellationToken.None);
            Gate(_written, lease.LeaseId).TrySetResult();
            return new TrialResult
            {
                LeaseId = lease.LeaseId, Outcome = TrialOutcome.Completed, ValidationScore = 0.5, MetricName = "accuracy",
                ArtifactPath = job.ArtifactPath, ArtifactBytes = model.Length, ComputeSeconds = 0.1,
            };
        }

        private static TaskCompletionSource Gate(Dictionary<string, TaskCompletionSource> gates, string leaseId)
        {
            lock (gates)
            {
                if (!gates.TryGetValue(leaseId, out var gate)) gates[leaseId] = gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return gate;
            }
        }
    }
}
