using System.Diagnostics;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Optimization;

namespace AIMass.Bench.Suites.Overhead;

/// <summary>
/// <c>overhead</c>: the optimiser's own cost. 1000 trials of a zero-cost 2-D objective, in memory, per sampler:
/// trials per second, ms per trial over the first and the last 100 trials, bytes allocated per run, managed heap
/// after the run and the process's peak working set. The GP sampler, cubic in the number of trials, runs a shorter budget
/// (<c>--gp-trials</c>, default 200) and one warm run. Each sampler first runs once cold (JIT compilation included,
/// reported as <c>trials_per_s_cold</c>), then unmeasured until about a second has passed (tiering), then
/// <c>--warm-runs</c> times (default 5) with other seeds. The figures are those of the fastest warm run (on a shared
/// machine other processes only slow runs down), with the median run's rate as <c>trials_per_s_median</c> and every
/// run's in <c>trials_per_s_warm_runs</c>; <c>trials_per_cpu_s</c> divides by the process's CPU time instead of the
/// wall clock. Options: <c>--trials N</c>, <c>--samplers a,b</c>, <c>--warm-runs N</c>.
/// </summary>
public sealed class OverheadSuite : IBenchSuite
{
    /// <summary>Optuna 3.1.0 on this machine, same protocol: TPE 72-85 trials/s, random about 7,500 trials/s.</summary>
    private static readonly Dictionary<string, double> OptunaTrialsPerSecond = new() { ["tpe"] = 85, ["random"] = 7500 };

    public string Name => "overhead";

    public string Description => "sampler overhead: 1000 trials of a zero-cost 2-D objective (trials/s, ms/trial first and last 100)";

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var trials = context.IntOption("trials", 1000);
        var gpTrials = context.IntOption("gp-trials", 200);
        var warmRuns = Math.Max(1, context.IntOption("warm-runs", 5));
        var samplers = context.Option("samplers", string.Join(",", SamplerCatalog.Names))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var perSampler = new JsonObject();
        foreach (var name in samplers)
        {
            ct.ThrowIfCancellationRequested();
            var n = name == "gp" ? Math.Min(gpTrials, trials) : trials;
            // The first (cold) run includes JIT compilation and tiering. The reported figures come from several warm
            // runs with other seeds, as a long-lived service would see them (tiered-up code).
            var (coldTotal, _, _, _) = Measure(SamplerCatalog.Create(name, 1000), n);
            // Tiered compilation promotes hot methods in the background after a delay: unmeasured runs until about a
            // second has gone by (at most 10), so the measured ones see the optimised code.
            var warmUp = Stopwatch.StartNew();
            for (var w = 0; w < 10 && warmUp.Elapsed + coldTotal < TimeSpan.FromSeconds(1); w++) Measure(SamplerCatalog.Create(name, 2000 + w), n);
            var runs = new List<(TimeSpan Total, double[] PerTrial, TimeSpan Cpu, long Allocated)>();
            for (var r = 0; r < (name == "gp" ? 1 : warmRuns); r++) runs.Add(Measure(SamplerCatalog.Create(name, r), n));
            // Other processes only ever slow a run down: the fastest warm run is the least disturbed estimate of the
            // sampler's own cost (as timeit takes the minimum); the median and every run are reported too.
            runs.Sort((a, b) => a.Total.CompareTo(b.Total));
            var (total, perTrial, cpu, allocated) = runs[0];
            var median = runs[runs.Count / 2].Total;
            var window = Math.Min(100, n);
            var first = perTrial.Take(window).Average();
            var last = perTrial.Skip(n - window).Average();
            GC.Collect();
            var heap = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);
            var rate = n / total.TotalSeconds;
            context.Log.WriteLine($"{name,-18} {rate,10:F0} trials/s ({n / cpu.TotalSeconds,8:F0}/cpu-s)   first {window}: {first,8:F4} ms   last {window}: {last,8:F4} ms   ({n} trials, fastest of {runs.Count} warm runs; median {n / median.TotalSeconds:F0}/s)");
            var entry = new JsonObject
            {
                ["trials"] = n,
                ["trials_per_s"] = Math.Round(rate, 1),
                ["trials_per_s_median"] = Math.Round(n / median.TotalSeconds, 1),
                ["trials_per_s_cold"] = Math.Round(n / coldTotal.TotalSeconds, 1),
                ["trials_per_s_warm_runs"] = new JsonArray([.. runs.Select(run => (JsonNode)Math.Round(n / run.Total.TotalSeconds, 1))]),
                ["trials_per_cpu_s"] = Math.Round(n / Math.Max(cpu.TotalSeconds, 1e-9), 1),
                ["ms_per_trial_first_100"] = Math.Round(first, 4),
                ["ms_per_trial_last_100"] = Math.Round(last, 4),
                ["managed_heap_mb_after"] = Math.Round(heap, 1),
                ["allocated_mb_per_run"] = Math.Round(allocated / (1024.0 * 1024.0), 1),
            };
            if (OptunaTrialsPerSecond.TryGetValue(name, out var optuna))
            {
                entry["optuna_3_1_trials_per_s"] = optuna;
                entry["speedup_vs_optuna"] = Math.Round(rate / optuna, 1);
            }
            perSampler[name] = entry;
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var result = new JsonObject
        {
            ["trials"] = trials,
            ["objective"] = "zero-cost, 2 float parameters, in-memory storage, sequential",
            ["samplers"] = perSampler,
            ["peak_working_set_mb"] = Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1),
            ["goals"] = new JsonObject
            {
                ["tpe_at_least_50x_optuna"] = perSampler["tpe"]?["speedup_vs_optuna"]?.GetValue<double>() >= 50,
                ["random_at_least_10x_optuna"] = perSampler["random"]?["speedup_vs_optuna"]?.GetValue<double>() >= 10,
            },
        };
        return Task.FromResult(result);
    }

    private static (TimeSpan Total, double[] PerTrialMs, TimeSpan Cpu, long Allocated) Measure(ISampler sampler, int trials)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        var perTrial = new double[trials];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < trials; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var trial = study.Ask();
            var x = trial.SuggestFloat("x", -5, 10);
            var y = trial.SuggestFloat("y", 0, 15);
            study.Tell(trial, x + y);
            perTrial[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        total.Stop();
        self.Refresh();
        return (total.Elapsed, perTrial, self.TotalProcessorTime - cpuBefore, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}
