using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Grains.Datasets;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace AIMass.Bench.Suites.Cluster;

/// <summary>
/// <c>cluster --mode isolation</c>: the cost of running trials in trainer processes. Real tiny training jobs (a one-epoch
/// MLP on iris) go through the real grains and the service's own executor, once with <c>AIMass:Trainer:Isolation =
/// inprocess</c> and once with <c>process</c> (the default), in alternating rounds of the same run; each round first
/// warms its silo (JIT, and for <c>process</c> the trainer pool) with trials that are not counted.
/// </summary>
internal static class IsolationCost
{
    public static async Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var trials = context.IntOption("trials", 200);
        var rounds = context.IntOption("rounds", 2);
        var byMode = new Dictionary<string, List<JsonObject>> { [TrainerOptions.InProcess] = [], [TrainerOptions.Process] = [] };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var mode in byMode.Keys)
            {
                byMode[mode].Add(await MeasureAsync(context, mode, trials, ct));
            }
        }
        double Mean(string mode, string key) => byMode[mode].Average(r => (double)r[key]!);
        var result = new JsonObject
        {
            ["mode"] = "isolation",
            ["job"] = "one-epoch MLP (1 x 8) on iris, holdout, real TorchSharp training; 2 job slots on this 2-core machine",
            ["trials_per_round"] = trials,
            ["rounds_per_mode"] = rounds,
            ["divides_by"] = "wall ms per trial: round wall time / trials (2 running at once); cpu ms per trial: CPU time of the silo process plus its trainer processes / trials",
        };
        foreach (var mode in byMode.Keys) result[mode] = new JsonArray(byMode[mode].Select(r => (JsonNode)r).ToArray());
        result["inprocess_wall_ms_per_trial"] = Math.Round(Mean(TrainerOptions.InProcess, "wall_ms_per_trial"), 2);
        result["process_wall_ms_per_trial"] = Math.Round(Mean(TrainerOptions.Process, "wall_ms_per_trial"), 2);
        result["added_wall_ms_per_trial"] = Math.Round(Mean(TrainerOptions.Process, "wall_ms_per_trial") - Mean(TrainerOptions.InProcess, "wall_ms_per_trial"), 2);
        result["added_cpu_ms_per_trial"] = Math.Round(Mean(TrainerOptions.Process, "cpu_ms_per_trial") - Mean(TrainerOptions.InProcess, "cpu_ms_per_trial"), 2);
        result["goal_added_ms_per_trial"] = "< 10 with a warm pool";
        result["recycling"] = $"a trainer is replaced after {new TrainerOptions().MaxJobsPerProcess} jobs (its spare starts and warms up in the background); rounds shorter than that per trainer do not include a replacement";
        return result;
    }

    private static async Task<JsonObject> MeasureAsync(BenchContext context, string isolation, int trials, CancellationToken ct)
    {
        var data = Path.Combine(Path.GetTempPath(), "aimass-bench", Guid.NewGuid().ToString("N"));
        var cluster = await BenchCluster.StartAsync(new AIMassOptions
        {
            DataDirectory = data,
            Silo = new SiloWorkerOptions { Name = "bench", Devices = "cpu", CpuSlots = 2, ThreadsPerJob = 1 },
            Trainer = new TrainerOptions { Isolation = isolation },
        });
        try
        {
            var grains = cluster.Client;
            using (CallerContext.Use(Caller.Admin))
            {
                await grains.GetGrain<ITenantGrain>("bench").CreateAsync(new TenantCreateRequest
                {
                    DisplayName = "bench", Quotas = new TenantQuotas { MaxConcurrentTrials = 8, MaxActiveStudies = 4 },
                });
            }
            using var tenant = CallerContext.Use(Caller.ForTenant("bench"));
            await using (var file = File.OpenRead(context.Sample("iris.csv")))
            {
                var staged = await cluster.Silos[0].ServiceProvider.GetRequiredService<IDatasetStaging>().StageAsync("bench", file, UploadLimits.Service, ct: ct);
                await grains.GetGrain<IDatasetGrain>("bench/iris").UploadAsync(DatasetUpload.For(staged, "iris"));
            }

            await RunStudyAsync(grains, "warmup", 10, ct);
            var cpuBefore = CpuSeconds();
            var watch = Stopwatch.StartNew();
            var done = await RunStudyAsync(grains, "measured", trials, ct);
            var wall = watch.Elapsed.TotalSeconds;
            var cpu = CpuSeconds() - cpuBefore;
            context.Log.WriteLine($"[cluster] isolation {isolation}: {done} trials in {wall:0.00} s = {wall * 1000 / done:0.00} ms/trial");
            return new JsonObject
            {
                ["isolation"] = isolation,
                ["trials"] = done,
                ["wall_s"] = Math.Round(wall, 2),
                ["wall_ms_per_trial"] = Math.Round(wall * 1000 / done, 2),
                ["cpu_ms_per_trial"] = Math.Round(cpu * 1000 / done, 2),
            };
        }
        finally
        {
            await BenchCluster.StopAsync(cluster, data);
        }
    }

    private static async Task<int> RunStudyAsync(IClusterClient grains, string id, int trials, CancellationToken ct)
    {
        var study = grains.GetGrain<IStudyGrain>($"bench/{id}");
        await study.CreateAsync(new StudySpec
        {
            Name = id, DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = trials }, Parallelism = 2,
            Sampler = "random", Pruner = "none", UseMetaLearning = false, Distill = false, Validation = "holdout", MaxEpochsPerTrial = 1,
            SearchSpace = new SearchSpace
            {
                Parameters = [ParameterSpec.Float("lr", 1e-4, 1e-1, log: true)],
                Fixed = new() { ["family"] = "mlp", ["width"] = "8", ["layers"] = "1", ["epochs"] = "1" },
            },
        });
        while (true)
        {
            await Task.Delay(50, ct);
            var info = await study.GetAsync();
            if (!info.IsFinished) continue;
            if (info.TrialsComplete != trials) throw new InvalidOperationException($"Study {id}: {info.TrialsComplete} of {trials} trials completed ({info.Status}: {info.StatusReason}).");
            return info.TrialsComplete;
        }
    }

    /// <summary>CPU seconds of this process and of its child processes alive now (the trainers), from /proc.</summary>
    private static double CpuSeconds()
    {
        var total = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        if (!OperatingSystem.IsLinux()) return total;
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // pid (comm) state ppid ... utime(14) stime(15), counted after the closing parenthesis of comm.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length < 13 || fields[1] != self) continue;
            total += (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        return total;
    }
}
