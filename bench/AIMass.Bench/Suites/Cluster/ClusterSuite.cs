using System.Diagnostics;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Grains.Datasets;
using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using AIMass.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace AIMass.Bench.Suites.Cluster;

/// <summary>
/// <c>cluster</c>: 10,000 no-op trials over 10 tenants x 10 studies through the real grains (in-process cluster):
/// trials/s, queued-to-started latency and the scheduling overhead per trial, with the embedded SQLite storage
/// and, when Azurite is installed (tests/node_modules), with Azure Table storage. With SQLite it also times every
/// write of the study grains' state (first and last 50): <c>--tenants 1 --studies 1 --trials 20000</c> shows how a
/// study's write grows with its trials; <c>--max-seconds</c> caps the wait and reports what finished by then. <c>--mode isolation</c> measures
/// instead what running real trials in trainer processes costs against in process (<see cref="IsolationCost"/>).
/// </summary>
public sealed class ClusterSuite : IBenchSuite
{
    public string Name => "cluster";
    public string Description => "10,000 no-op trials, 10 tenants x 10 studies: trials/s, queue latency, overhead per trial";

    public async Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        if (context.Option("mode", "scheduling") == "isolation") return await IsolationCost.RunAsync(context, ct);
        var tenants = context.IntOption("tenants", 10);
        var studies = context.IntOption("studies", 10);
        var trials = context.IntOption("trials", 100);
        var result = new JsonObject { ["tenants"] = tenants, ["studies_per_tenant"] = studies, ["trials_per_study"] = trials };

        var sqlite = await MeasureAsync(context, tenants, studies, trials, connectionString: null, ct);
        foreach (var (key, value) in sqlite) result[key] = value?.DeepClone();

        var azurite = AzuriteRunner.Locate(context.RepositoryRoot);
        if (azurite is null || context.Flag("no-azure"))
        {
            result["azure_table"] = new JsonObject { ["skipped"] = azurite is null ? "Azurite not installed (npm ci in tests/)" : "--no-azure" };
        }
        else
        {
            await using var emulator = await AzuriteRunner.StartAsync(azurite);
            var azureTrials = context.IntOption("azure-trials", trials);
            result["azure_table"] = await MeasureAsync(context, tenants, studies, azureTrials, emulator.ConnectionString, ct);
        }
        return result;
    }

    private static async Task<JsonObject> MeasureAsync(BenchContext context, int tenants, int studies, int trials, string? connectionString, CancellationToken ct)
    {
        var storage = connectionString is null ? "sqlite" : "azure-table";
        context.Log.WriteLine($"[cluster] {storage}: {tenants} tenants x {studies} studies x {trials} trials");
        var data = Path.Combine(Path.GetTempPath(), "aimass-bench", Guid.NewGuid().ToString("N"));
        var studyWrites = new StateWriteTimer("study");
        var maxSeconds = context.IntOption("max-seconds", 3600);
        var cluster = await BenchCluster.StartAsync(new AIMassOptions
        {
            DataDirectory = data,
            Storage = connectionString is null ? StorageKind.Sqlite : StorageKind.AzureStorage,
            AzureStorageConnectionString = connectionString,
            Silo = new SiloWorkerOptions { Name = "bench", Devices = "cpu", CpuSlots = 64 },
        }, services =>
        {
            services.AddSingleton<ITrialExecutor, NoOpTrialExecutor>();
            if (connectionString is null) studyWrites.Install(services, StorageNames.State);
        });
        try
        {
            var grains = cluster.Client;
            var csv = await File.ReadAllBytesAsync(context.Sample("iris.csv"), ct);
            var staging = cluster.Silos[0].ServiceProvider.GetRequiredService<IDatasetStaging>();
            for (var t = 0; t < tenants; t++)
            {
                var tenant = $"tenant{t}";
                using (CallerContext.Use(Caller.Admin))
                {
                    await grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreateRequest
                    {
                        DisplayName = tenant, Quotas = new TenantQuotas { MaxConcurrentTrials = 64, MaxActiveStudies = studies + 1 },
                    });
                }
                using (CallerContext.Use(Caller.ForTenant(tenant)))
                {
                    var staged = await staging.StageAsync(tenant, new MemoryStream(csv, writable: false), UploadLimits.Service, ct: ct);
                    await grains.GetGrain<IDatasetGrain>($"{tenant}/iris").UploadAsync(DatasetUpload.For(staged, "iris"));
                }
            }

            var spec = new StudySpec
            {
                Name = "noop", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 4,
                Sampler = "random", Pruner = "none", UseMetaLearning = false, Distill = false,
                SearchSpace = new SearchSpace { Parameters = [ParameterSpec.Float("lr", 1e-4, 1e-1, log: true), ParameterSpec.Float("dropout", 0.01, 0.5)] },
            };
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var gcPauseBefore = GC.GetTotalPauseDuration();
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var watch = Stopwatch.StartNew();
            var keys = new List<(string Tenant, string Study)>();
            for (var s = 0; s < studies; s++)
            {
                for (var t = 0; t < tenants; t++)
                {
                    using var _ = CallerContext.Use(Caller.ForTenant($"tenant{t}"));
                    await grains.GetGrain<IStudyGrain>($"tenant{t}/s{s}").CreateAsync(spec);
                    keys.Add(($"tenant{t}", $"s{s}"));
                }
            }
            var pending = new HashSet<(string Tenant, string Study)>(keys);
            var progress = Stopwatch.StartNew();
            var capped = false;
            while (pending.Count > 0)
            {
                if (watch.Elapsed.TotalSeconds > maxSeconds)
                {
                    capped = true; // reported: the trials finished by then, and the writes so far
                    break;
                }
                ct.ThrowIfCancellationRequested();
                await Task.Delay(250, ct);
                foreach (var (tenant, study) in pending.ToList())
                {
                    using var _ = CallerContext.Use(Caller.ForTenant(tenant));
                    if ((await grains.GetGrain<IStudyGrain>($"{tenant}/{study}").GetAsync()).IsFinished) pending.Remove((tenant, study));
                    else break; // studies progress together: check the rest on the next round
                }
                if (progress.Elapsed > TimeSpan.FromSeconds(5))
                {
                    context.Log.WriteLine($"[cluster] {storage}: {keys.Count - pending.Count}/{keys.Count} studies done after {watch.Elapsed.TotalSeconds:0.0} s");
                    progress.Restart();
                }
            }
            var wall = watch.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var gcPause = (GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds;
            var jit = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore;
            var collections = new JsonObject { ["gen0"] = GC.CollectionCount(0) - gcBefore[0], ["gen1"] = GC.CollectionCount(1) - gcBefore[1], ["gen2"] = GC.CollectionCount(2) - gcBefore[2] };

            var waits = new List<double>();
            foreach (var (tenant, study) in keys)
            {
                using var _ = CallerContext.Use(Caller.ForTenant(tenant));
                foreach (var trial in await grains.GetGrain<IStudyGrain>($"{tenant}/{study}").GetTrialsAsync())
                {
                    if (trial.Status != TrialStatus.Complete) continue;
                    if (trial.QueuedUtc is { } q && trial.StartedUtc is { } s) waits.Add((s - q).TotalMilliseconds);
                }
            }
            waits.Sort();
            var completed = waits.Count;
            context.Log.WriteLine($"[cluster] {storage}: {completed} trials in {wall:0.00} s = {completed / wall:0} trials/s");
            var report = new JsonObject
            {
                ["storage"] = storage,
                ["trials"] = completed,
                ["capped_at_s"] = capped ? maxSeconds : null,
                ["wall_s"] = Math.Round(wall, 2),
                ["trials_per_s"] = Math.Round(completed / wall, 1),
                // Wall time per trial, and CPU time per trial of the one process that holds silo, grains and client.
                ["wall_ms_per_trial"] = Math.Round(wall * 1000 / Math.Max(1, completed), 3),
                ["cpu_ms_per_trial"] = Math.Round(cpu * 1000 / Math.Max(1, completed), 3),
                ["allocated_kb_per_trial"] = Math.Round(allocated / 1024.0 / Math.Max(1, completed), 1),
                ["gc_collections"] = collections,
                // Two parts of the CPU time above that are the runtime's: GC pauses (wall time the process was stopped for
                // collections) and the JIT compiling methods (tiering up while the run warms).
                ["gc_pause_ms_per_trial"] = Math.Round(gcPause / Math.Max(1, completed), 3),
                ["jit_ms_per_trial"] = Math.Round(jit / Math.Max(1, completed), 3),
                ["jit_methods"] = jitMethods,
                ["cores"] = Environment.ProcessorCount,
                ["queued_to_started_p50_ms"] = Math.Round(Percentile(waits, 0.50), 2),
                ["queued_to_started_p99_ms"] = Math.Round(Percentile(waits, 0.99), 2),
            };
            if (connectionString is null) report["study_state_writes"] = studyWrites.Report();
            return report;
        }
        finally
        {
            await BenchCluster.StopAsync(cluster, data);
        }
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(q * (sorted.Count - 1)))];
}
