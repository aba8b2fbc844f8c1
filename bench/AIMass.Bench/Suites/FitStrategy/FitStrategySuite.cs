using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Training;
using AIMass.Training.Data;

namespace AIMass.Bench.Suites.FitStrategy;

/// <summary>
/// <c>fitstrategy</c>: what a cross-validated family should serve, measured. For each family's default configuration
/// (the service's portfolio) on the development tasks' training files, a 5-fold cross-validation is run twice with the
/// same seeds, once serving the bag of its fold models and once a refit on every training row, and both are scored on
/// the internal test rows (10%, never trained on) averaged over seeds. <see cref="AIMass.Training.Training.FitStrategies"/>
/// is set from this table. Options: <c>--tasks</c>, <c>--seeds N</c> (default 3), <c>--families</c>.
/// </summary>
public sealed class FitStrategySuite : IBenchSuite
{
    private static readonly Dictionary<string, Dictionary<string, object?>> Defaults = new()
    {
        ["linear"] = new() { ["family"] = "linear", ["alpha"] = 1.0 },
        ["krr"] = new() { ["family"] = "krr", ["alpha"] = 0.1, ["gamma"] = 1.0 },
        ["knn"] = new() { ["family"] = "knn", ["neighbours"] = 5, ["weighting"] = "distance" },
        ["rf"] = new() { ["family"] = "rf", ["trees"] = 100, ["min_leaf"] = 1 },
        ["et"] = new() { ["family"] = "et", ["trees"] = 100, ["min_leaf"] = 1 },
        ["gbdt"] = new() { ["family"] = "gbdt", ["trees"] = 200, ["leaves"] = 16, ["shrinkage"] = 0.05, ["min_leaf"] = 20, ["feature_fraction"] = 0.8 },
        ["mlp"] = new() { ["family"] = "mlp", ["layers"] = 2, ["width"] = 128, ["dropout"] = 0.1, ["epochs"] = 40, ["patience"] = 10 },
    };

    public string Name => "fitstrategy";
    public string Description => "bag of fold models vs one refit on every training row, per family (internal test rows, several seeds)";
    public bool IncludedInAll => false;

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var tasks = context.Option("tasks", "iris,diabetes,digits,movies").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var families = context.Option("families", string.Join(",", Defaults.Keys)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seeds = context.IntOption("seeds", 3);
        var data = Path.Combine(context.RepositoryRoot, "bench", "data", "automl");
        var results = new JsonObject();
        foreach (var task in tasks)
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, $"{task}.json")));
            var target = meta.RootElement.GetProperty("target").GetString()!;
            var regression = meta.RootElement.GetProperty("kind").GetString() == "regression";
            var table = CsvTable.Load(Path.Combine(data, $"{task}.train.csv"));
            var metric = regression ? "rmse" : "accuracy";
            var perFamily = new JsonObject();
            foreach (var family in families)
            {
                var scores = new Dictionary<string, List<double>> { ["bag"] = [], ["refit"] = [] };
                var seconds = new Dictionary<string, double> { ["bag"] = 0, ["refit"] = 0 };
                for (var seed = 0; seed < seeds; seed++)
                {
                    foreach (var strategy in new[] { "bag", "refit" })
                    {
                        ct.ThrowIfCancellationRequested();
                        var watch = Stopwatch.StartNew();
                        var outcome = TrainingPipeline.Run(new TrainingRequest
                        {
                            Data = table, Target = target, Task = regression ? TaskKind.Regression : TaskKind.Classification,
                            Hyperparameters = Defaults[family], Seed = seed, SplitSeed = 1000 + seed, Device = "cpu", Folds = 5, TestFraction = 0.1,
                            FitStrategy = strategy,
                        }, ct: ct);
                        seconds[strategy] += watch.Elapsed.TotalSeconds;
                        scores[strategy].Add(outcome.TestMetrics[metric]);
                    }
                }
                var bag = scores["bag"].Average();
                var refit = scores["refit"].Average();
                var better = bag == refit ? "equal" : (regression ? bag < refit : bag > refit) ? "bag" : "refit";
                context.Log.WriteLine($"{task,-10} {family,-7} {metric} bag {bag:0.0000} refit {refit:0.0000} -> {better} ({seconds["bag"]:0.0} s / {seconds["refit"]:0.0} s)");
                perFamily[family] = new JsonObject
                {
                    ["bag"] = Math.Round(bag, 4),
                    ["refit"] = Math.Round(refit, 4),
                    ["better"] = better,
                    ["bag_seconds"] = Math.Round(seconds["bag"], 1),
                    ["refit_seconds"] = Math.Round(seconds["refit"], 1),
                };
            }
            results[task] = new JsonObject { ["metric"] = metric, ["families"] = perFamily };
        }
        return Task.FromResult(new JsonObject
        {
            ["protocol"] = $"5-fold cross-validation on TASK.train.csv after 10% internal test rows; test metric on those rows, mean over {seeds} seeds (split seed 1000+s, training seed s); family defaults as the service's portfolio",
            ["tasks"] = results,
        });
    }
}
