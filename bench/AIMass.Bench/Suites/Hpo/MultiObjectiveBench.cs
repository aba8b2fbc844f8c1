using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Optimization;

namespace AIMass.Bench.Suites.Hpo;

/// <summary>
/// The multi-objective part of <c>hpo</c>: ZDT1 with 5 variables (two objectives to minimise), hypervolume of the
/// Pareto front found against the reference point (1.1, 11) after the trial budget, per sampler.
/// </summary>
internal static class MultiObjectiveBench
{
    private static readonly string[] Samplers = ["nsga2", "tpe", "random"];

    public static JsonObject Run(BenchContext context, int seeds, int trials, CancellationToken ct)
    {
        var result = new JsonObject { ["problem"] = "zdt1-5d", ["reference_point"] = new JsonArray(1.1, 11.0) };
        var perSampler = new JsonObject();
        foreach (var name in Samplers)
        {
            if (!SamplerCatalog.Names.Contains(name)) continue;
            var volumes = new double[seeds];
            for (var seed = 0; seed < seeds; seed++)
            {
                ct.ThrowIfCancellationRequested();
                var study = Study.Create(new StudyOptions
                {
                    Directions = [StudyDirection.Minimize, StudyDirection.Minimize],
                    Sampler = SamplerCatalog.Create(name, seed),
                });
                study.Optimize(Zdt1, nTrials: trials * 2);
                volumes[seed] = Hypervolume.Compute(study.BestTrials, study.Directions, [1.1, 11.0]);
            }
            var (q1, median, q3) = HpoSuite.Quartiles(volumes);
            context.Log.WriteLine($"zdt1         {name,-18} hypervolume median {median:F4}  q1 {q1:F4}  q3 {q3:F4}");
            perSampler[name] = new JsonObject
            {
                ["median_hypervolume"] = Math.Round(median, 5),
                ["q1_hypervolume"] = Math.Round(q1, 5),
                ["q3_hypervolume"] = Math.Round(q3, 5),
                ["trials"] = trials * 2,
            };
        }
        result["samplers"] = perSampler;
        return result;
    }

    private static double[] Zdt1(Trial trial)
    {
        const int n = 5;
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = trial.SuggestFloat($"x{i}", 0, 1);
        var g = 1 + 9 * x.Skip(1).Sum() / (n - 1);
        var f1 = x[0];
        var f2 = g * (1 - Math.Sqrt(f1 / g));
        return [f1, f2];
    }
}
