using System.Diagnostics;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Optimization;

namespace AIMass.Bench.Suites.Hpo;

/// <summary>
/// <c>hpo</c>: sampler quality. Branin, Hartmann6 and Rosenbrock-5D, 10 seeds x 100 trials per sampler; per
/// function and sampler the median and quartiles of the best value's regret. <c>tpe</c> (our defaults) is compared
/// with Optuna 3.1.0's TPE; <c>tpe-optuna</c> runs our sampler with Optuna 3.1.0's settings for reference. Plus a two-objective problem where
/// NSGA-II, TPE and random search are compared by hypervolume, and six held-out functions on which our TPE defaults are
/// compared with Optuna 3.1.0's settings. Each median comes with a 90% bootstrap interval over the
/// seeds (<c>median_regret_ci90</c>). Options: <c>--seeds N</c>, <c>--trials N</c>,
/// <c>--samplers a,b</c>.
/// </summary>
public sealed class HpoSuite : IBenchSuite
{
    /// <summary>Optuna 3.1.0 TPE (default settings, same protocol) median regret, measured on this machine.</summary>
    private static readonly Dictionary<string, double> OptunaTpeMedian = new()
    {
        ["branin"] = 0.0163,
        ["hartmann6"] = 0.277,
        ["rosenbrock5"] = 120,
    };

    /// <summary>
    /// Optuna 3.1.0 TPE (default settings, same protocol, seeds 0-99) median regret, measured on this machine. Its seeds
    /// 0-9 reproduce the 10-seed reference above exactly (0.01629, 0.2768, 120.2); over 100 seeds its medians are
    /// these, so the 10-seed reference is a lucky draw on Branin and Rosenbrock and an unlucky one on Hartmann6.
    /// Compared only when the run uses exactly 100 seeds (seeds 0-99).
    /// </summary>
    private static readonly Dictionary<string, double> OptunaTpeMedian100Seeds = new()
    {
        ["branin"] = 0.0279,
        ["hartmann6"] = 0.233,
        ["rosenbrock5"] = 155.5,
    };

    /// <summary>
    /// Optuna 3.1.0 <c>TPESampler(multivariate=True, group=True)</c>, same protocol, measured on this machine: median regret
    /// over seeds 0-9 and over seeds 0-99 (compared with <c>tpe-multivariate</c>, which matches its estimator to 1e-15).
    /// </summary>
    private static readonly Dictionary<string, (double Seeds10, double Seeds100)> OptunaMultivariateTpeMedian = new()
    {
        ["branin"] = (0.0892, 0.0959),
        ["hartmann6"] = (0.181, 0.218),
        ["rosenbrock5"] = (168.6, 142.6),
    };

    public string Name => "hpo";

    public string Description => "sampler regret on Branin, Hartmann6, Rosenbrock-5D (10 seeds x 100 trials) + NSGA-II hypervolume";

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var seeds = context.IntOption("seeds", 10);
        var trials = context.IntOption("trials", 100);
        var samplers = context.Option("samplers", string.Join(",", SamplerCatalog.Names))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var functions = new JsonObject();
        var goals = new JsonObject();
        var regretsBySampler = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
        foreach (var function in HpoFunction.All)
        {
            var perSampler = new JsonObject();
            var bestName = "";
            var bestMedian = double.PositiveInfinity;
            foreach (var name in samplers)
            {
                ct.ThrowIfCancellationRequested();
                var regrets = new double[seeds];
                var watch = Stopwatch.StartNew();
                for (var seed = 0; seed < seeds; seed++)
                {
                    regrets[seed] = BestValue(function, SamplerCatalog.Create(name, seed), trials) - function.Optimum;
                }
                watch.Stop();
                if (!regretsBySampler.TryGetValue(name, out var perFunction)) regretsBySampler[name] = perFunction = [];
                perFunction.Add(regrets);
                var (q1, median, q3) = Quartiles(regrets);
                context.Log.WriteLine($"{function.Name,-12} {name,-18} median {median,10:G4}  q1 {q1,10:G4}  q3 {q3,10:G4}  median 90% CI [{string.Join(", ", MedianInterval(regrets).Select(v => v.ToString("G4")))}]  ({watch.Elapsed.TotalSeconds:F1} s)");
                perSampler[name] = new JsonObject
                {
                    ["median_regret"] = Round(median),
                    ["q1_regret"] = Round(q1),
                    ["q3_regret"] = Round(q3),
                    ["median_regret_ci90"] = new JsonArray(MedianInterval(regrets).Select(v => (JsonNode)Round(v)).ToArray()),
                    ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 2),
                };
                if (median < bestMedian)
                {
                    bestMedian = median;
                    bestName = name;
                }
            }
            functions[function.Name] = perSampler;
            var reference = OptunaTpeMedian[function.Name];
            var tpe = perSampler["tpe"]?["median_regret"]?.GetValue<double>();
            goals[function.Name] = new JsonObject
            {
                ["optuna_tpe_median_regret"] = reference,
                ["tpe_median_regret"] = tpe,
                ["tpe_at_or_below_optuna"] = tpe is { } t ? t <= reference : null,
                ["optuna_tpe_median_regret_100_seeds"] = OptunaTpeMedian100Seeds[function.Name],
                ["tpe_at_or_below_optuna_100_seeds"] = tpe is { } t100 && seeds == 100 ? t100 <= OptunaTpeMedian100Seeds[function.Name] : null,
                ["optuna_tpe_multivariate_median_regret"] = seeds == 100 ? OptunaMultivariateTpeMedian[function.Name].Seeds100
                    : seeds == 10 ? OptunaMultivariateTpeMedian[function.Name].Seeds10 : null,
                ["tpe_multivariate_median_regret"] = perSampler["tpe-multivariate"]?["median_regret"]?.GetValue<double>(),
                ["tpe_optuna_settings_median_regret"] = perSampler["tpe-optuna"]?["median_regret"]?.GetValue<double>(),
                ["best_sampler"] = bestName,
                ["best_median_regret"] = Round(bestMedian),
                ["best_clearly_below_optuna"] = bestMedian < 0.8 * reference,
            };
        }
        var result = new JsonObject
        {
            ["seeds"] = seeds,
            ["trials"] = trials,
            ["functions"] = functions,
            ["goals"] = goals,
            ["ten_seed_blocks"] = TenSeedBlocks(seeds, regretsBySampler),
            ["multi_objective"] = MultiObjectiveBench.Run(context, seeds, trials, ct),
            ["held_out_functions"] = HeldOutFunctionsBench.Run(context, seeds, trials, ct),
        };
        return Task.FromResult(result);
    }

    internal static double BestValue(HpoFunction function, ISampler sampler, int trials)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        var names = Enumerable.Range(0, function.Low.Length).Select(i => $"x{i}").ToArray();
        study.Optimize(trial =>
        {
            var x = new double[names.Length];
            for (var i = 0; i < x.Length; i++) x[i] = trial.SuggestFloat(names[i], function.Low[i], function.High[i]);
            return function.Evaluate(x);
        }, nTrials: trials);
        return study.BestValue;
    }

    /// <summary>
    /// With more seeds than the reference's 10 (a multiple of 10): how many blocks of 10 consecutive seeds give medians at
    /// or below Optuna's 10-seed reference on all three functions, per TPE setting; how often the 10-seed goal is met
    /// by the luck of the seeds.
    /// </summary>
    private static JsonObject? TenSeedBlocks(int seeds, Dictionary<string, List<double[]>> regretsBySampler)
    {
        if (seeds < 20 || seeds % 10 != 0) return null;
        var references = HpoFunction.All.Select(f => OptunaTpeMedian[f.Name]).ToArray();
        var result = new JsonObject { ["blocks"] = seeds / 10 };
        foreach (var (name, perFunction) in regretsBySampler)
        {
            if (!name.StartsWith("tpe", StringComparison.Ordinal)) continue;
            var met = 0;
            for (var block = 0; block < seeds / 10; block++)
            {
                var all = true;
                for (var f = 0; f < references.Length; f++)
                {
                    var (_, median, _) = Quartiles(perFunction[f][(block * 10)..(block * 10 + 10)]);
                    all &= median <= references[f];
                }
                if (all) met++;
            }
            result[$"{name}_meeting_all_three"] = met;
        }
        return result;
    }

    internal static (double Q1, double Median, double Q3) Quartiles(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return (Percentile(sorted, 25), Percentile(sorted, 50), Percentile(sorted, 75));
    }

    /// <summary>
    /// A 90% percentile-bootstrap interval of the median over seeds (2000 resamples, fixed seed): how far a median of
    /// this many seeds may move by the luck of the seeds alone, to judge a comparison with a reference median.
    /// </summary>
    internal static double[] MedianInterval(double[] values)
    {
        var rng = new AIMass.Optimization.Randomness.SeededRandom(12345);
        var medians = new double[2000];
        var sample = new double[values.Length];
        for (var b = 0; b < medians.Length; b++)
        {
            for (var i = 0; i < sample.Length; i++) sample[i] = values[rng.NextInt(values.Length)];
            Array.Sort(sample);
            medians[b] = Percentile(sample, 50);
        }
        Array.Sort(medians);
        return [Percentile(medians, 5), Percentile(medians, 95)];
    }

    /// <summary>Linear-interpolation percentile (NumPy's default).</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var pos = p / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    internal static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 6 - (int)Math.Floor(Math.Log10(Math.Max(Math.Abs(v), 1e-12)))) : v;
}
