using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.Automl;

/// <summary>
/// <c>automl</c>: the product's own path, measured as a user meets it, on six public tasks with fixed splits
/// (<c>bench/data/automl</c>: digits, iris, diabetes, movies, birdstrikes, flights; seeded 80/20, stratified for
/// classification), compared with the reference scores of <c>peers.json</c> (scikit-learn defaults, Optuna + scikit-learn
/// with 5-fold CV, Optuna + a PyTorch MLP; each measured on the same splits with a 120 s budget on a 2-core machine).
/// <para>
/// For each task the built CLI runs as a child process exactly as a user would:
/// <c>dotnet client/AIMass.Cli/bin/Release/net10.0/aimass.dll automl --train TASK.train.csv --target TARGET
/// --test TASK.test.csv --predictions OUT.csv --time-budget B --seed S --json</c>. The bench then scores the
/// predictions file itself against the test file's target column (accuracy, or RMSE over finite numbers; see
/// <see cref="PredictionScorer"/>), and reports the score against the references (at or above the best one, at
/// 4 decimals; for RMSE lower is better), the CLI process's wall-clock time (runtime start-up included: what the user
/// waits) against budget + 5 s, the served model (the CLI's <c>best</c>) and the trial counts.
/// </para>
/// <para>
/// Run <c>default</c> uses the CLI's defaults; run <c>holdout_no_ensemble</c> (skipped with <c>--ablation false</c>)
/// repeats every task with <c>--validation holdout --ensemble false</c>, the old protocol (one 20 % validation
/// split, the model trained on 60 % of the rows, no ensemble), so the effect of cross-validation, refit and ensembling
/// is visible.
/// </para>
/// Options: <c>--tasks digits,iris,...</c> (default all six), <c>--budget SECONDS</c> (120), <c>--seed N</c> (1),
/// <c>--ablation true|false</c> (true). The CLI must be built in Release (<c>dotnet build client/AIMass.Cli -c Release</c>);
/// it is built when missing, never rebuilt. A full run with the ablation takes about 12 x (budget + start-up).
/// </summary>
public sealed class AutomlSuite : IBenchSuite
{
    private const int BudgetSlackSeconds = 5;

    private static readonly (string Name, string[] Options)[] Runs =
    [
        ("default", []),
        ("holdout_no_ensemble", ["--validation", "holdout", "--ensemble", "false"]),
    ];

    public string Name => "automl";

    public string Description =>
        "aimass automl (CLI process) on 6 fixed-split tasks, 120 s each, scored by the bench vs sklearn/Optuna references; then --validation holdout --ensemble false";

    public async Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var budget = context.IntOption("budget", 120);
        var seed = context.IntOption("seed", 1);
        var ablation = ParseBool(context.Option("ablation", "true"));
        var names = context.Option("tasks", string.Join(",", AutomlTask.All))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        var unknown = names.Where(n => !AutomlTask.All.Contains(n)).ToArray();
        if (unknown.Length > 0 || names.Length == 0)
        {
            throw new ArgumentException($"--tasks: unknown task(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AutomlTask.All)}.");
        }
        if (budget < 1) throw new ArgumentException("--budget must be at least 1 second.");

        var folder = AutomlTask.Folder(context.RepositoryRoot);
        var peers = AutomlTask.LoadPeers(folder);
        var tasks = names.Select(n => AutomlTask.Load(folder, n, peers)).ToArray();
        var cli = await AimassCli.LocateAsync(context, ct);

        var report = new JsonObject
        {
            ["protocol"] = Protocol(context, cli, budget, seed, tasks, peers),
        };
        var runs = ablation ? Runs : Runs[..1];
        var work = Path.Combine(Path.GetTempPath(), "aimass-bench-automl", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            foreach (var (run, options) in runs)
            {
                var entries = new List<JsonObject>();
                foreach (var task in tasks)
                {
                    ct.ThrowIfCancellationRequested();
                    entries.Add(await RunTaskAsync(context, cli, task, run, options, budget, seed, work, ct));
                }
                var byTask = new JsonObject();
                foreach (var entry in entries) byTask[entry["task"]!.GetValue<string>()] = entry;
                report[run] = new JsonObject
                {
                    ["cli_options"] = options.Length == 0 ? "none (the CLI defaults)" : string.Join(' ', options),
                    ["summary"] = Summarise(entries, budget),
                    ["tasks"] = byTask,
                };
                context.Log.WriteLine($"{run}: at or above the best reference on {report[run]!["summary"]!["at_or_above_best_reference"]} tasks, " +
                    $"max wall {report[run]!["summary"]!["max_wall_seconds"]} s");
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        if (ablation) report["ablation_effect"] = AblationEffect(report, tasks);
        return report;
    }

    private static async Task<JsonObject> RunTaskAsync(BenchContext context, string cli, AutomlTask task, string run, string[] options,
        int budget, int seed, string work, CancellationToken ct)
    {
        var predictions = Path.Combine(work, $"{run}.{task.Name}.predictions.csv");
        var budgetText = budget.ToString(CultureInfo.InvariantCulture);
        string[] args =
        [
            "automl", "--train", task.TrainPath, "--target", task.Target, "--test", task.TestPath, "--predictions", predictions,
            "--time-budget", budgetText, "--seed", seed.ToString(CultureInfo.InvariantCulture), .. options, "--json",
        ];
        context.Log.WriteLine($"{task.Name} [{run}]: aimass automl --target {task.Target} --time-budget {budget} --seed {seed}{(options.Length > 0 ? " " + string.Join(' ', options) : "")}");
        var watch = Stopwatch.StartNew();
        var (code, output, error) = await AimassCli.RunAsync(cli, args, ct);
        var wall = watch.Elapsed.TotalSeconds;

        var entry = new JsonObject
        {
            ["task"] = task.Name,
            ["kind"] = task.Kind,
            ["metric"] = task.Metric,
            ["higher_is_better"] = task.HigherIsBetter,
        };
        JsonObject? json = null;
        PredictionScore? score = null;
        string? failure = null;
        if (code != 0)
        {
            failure = $"aimass automl exited with {code}: {Tail(error)}";
        }
        else
        {
            try
            {
                json = JsonNode.Parse(output)?.AsObject() ?? throw new FormatException("empty JSON");
                score = PredictionScorer.Score(task, predictions);
            }
            catch (Exception e) when (e is JsonException or FormatException or IOException or InvalidOperationException)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
        }

        entry["test"] = score?.Value is { } value ? AutomlTask.Round4(value) : null;
        if (score is not null)
        {
            entry["test_rows"] = score.TestRows;
            entry["prediction_rows"] = score.PredictionRows;
            if (task.IsClassification) entry["correct_rows"] = score.Correct;
            else entry["unscored_rows"] = score.UnscoredRows;
        }
        entry["references"] = task.References.DeepClone();
        entry["at_or_above_best_reference"] = task.AtOrAboveBestReference(score?.Value);
        entry["wall_seconds"] = Math.Round(wall, 1);
        entry["within_budget_plus_5"] = wall <= budget + BudgetSlackSeconds;
        if (json is not null)
        {
            entry["cli_wall_seconds"] = json["wallSeconds"]?.DeepClone();
            entry["best"] = Pick(json["best"] as JsonObject, "family", "trainedAs", "members", "trainRows", "trialNumber", "validationScore", "testScore");
            entry["study"] = Pick(json["study"] as JsonObject, "trialsComplete", "trialsPruned", "trialsFailed");
            entry["cli_test_file"] = json["testFile"]?.DeepClone();
        }
        if (failure is not null) entry["error"] = failure;

        var best = entry["best"];
        context.Log.WriteLine(failure is not null
            ? $"  FAILED: {failure}"
            : $"  {task.Metric} {Show(score?.Value)} (best reference {task.BestReference.ToString(CultureInfo.InvariantCulture)}: " +
              $"{(task.AtOrAboveBestReference(score?.Value) ? "at or above" : "below")}), wall {wall:0.0} s " +
              $"({(wall <= budget + BudgetSlackSeconds ? "within" : "over")} budget + {BudgetSlackSeconds}), " +
              $"served {best?["family"]} {best?["trainedAs"]} (trial {best?["trialNumber"]}), " +
              $"{entry["study"]?["trialsComplete"]} complete / {entry["study"]?["trialsPruned"]} pruned / {entry["study"]?["trialsFailed"]} failed trials");
        return entry;
    }

    private static JsonObject Summarise(IReadOnlyList<JsonObject> entries, int budget)
    {
        var above = entries.Where(e => e["at_or_above_best_reference"]!.GetValue<bool>()).Select(e => e["task"]!.GetValue<string>()).ToArray();
        var walls = entries.Select(e => e["wall_seconds"]!.GetValue<double>()).ToArray();
        return new JsonObject
        {
            ["at_or_above_best_reference"] = $"{above.Length} of {entries.Count}",
            ["at_or_above_best_reference_count"] = above.Length,
            ["tasks_run"] = entries.Count,
            ["tasks_at_or_above_best_reference"] = new JsonArray(above.Select(t => (JsonNode?)t).ToArray()),
            ["errors"] = entries.Count(e => e["error"] is not null),
            ["max_wall_seconds"] = walls.Length == 0 ? null : walls.Max(),
            ["budget_seconds"] = budget,
            ["all_within_budget_plus_5"] = entries.All(e => e["within_budget_plus_5"]!.GetValue<bool>()),
        };
    }

    /// <summary>Per task, the two runs' test scores side by side, and which is better (at 4 decimals).</summary>
    private static JsonObject AblationEffect(JsonObject report, IReadOnlyList<AutomlTask> tasks)
    {
        var effect = new JsonObject();
        foreach (var task in tasks)
        {
            var a = report["default"]?["tasks"]?[task.Name]?["test"]?.GetValue<double>();
            var b = report["holdout_no_ensemble"]?["tasks"]?[task.Name]?["test"]?.GetValue<double>();
            string? better = a is { } x && b is { } y
                ? x == y ? "equal" : (x > y) == task.HigherIsBetter ? "default" : "holdout_no_ensemble"
                : null;
            effect[task.Name] = new JsonObject
            {
                ["metric"] = task.Metric,
                ["default"] = a,
                ["holdout_no_ensemble"] = b,
                ["better"] = better,
            };
        }
        return effect;
    }

    private static JsonObject Protocol(BenchContext context, string cli, int budget, int seed, IReadOnlyList<AutomlTask> tasks, JsonObject peers) => new()
    {
        ["budget_seconds"] = budget,
        ["seed"] = seed,
        ["tasks"] = new JsonArray(tasks.Select(t => (JsonNode?)t.Name).ToArray()),
        ["data"] = "bench/data/automl: fixed seeded 80/20 splits (stratified for classification); the CLI trains on TASK.train.csv only "
            + "and predicts TASK.test.csv (whose target column it ignores)",
        ["command"] = $"dotnet {Path.GetRelativePath(context.RepositoryRoot, cli)} automl --train TASK.train.csv --target TARGET --test TASK.test.csv "
            + $"--predictions OUT.csv --time-budget {budget} --seed {seed} [RUN OPTIONS] --json",
        ["scoring"] = "by the bench from the predictions file against the target column of the test file, in row order: accuracy (labels compared "
            + "as trimmed strings; labels that parse as the same number are equal; a missing prediction is wrong) or RMSE over rows whose "
            + "prediction and truth are finite numbers (the others counted in unscored_rows); compared with the references at 4 decimals",
        ["wall_seconds"] = $"wall-clock of the CLI process from start to exit (dotnet start-up, embedded service, search, final model, "
            + $"prediction, output): what the user waits; on this machine ({Environment.ProcessorCount} cores), goal: at most the budget plus {BudgetSlackSeconds} s",
        ["load_average_at_start"] = LoadAverage(),
        ["machine"] = MachineInfo.Describe(),
        ["references_protocol"] = peers["protocol"]?.DeepClone(),
        ["started_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject? Pick(JsonObject? source, params string[] fields)
    {
        if (source is null) return null;
        var result = new JsonObject();
        foreach (var field in fields) result[field] = source[field]?.DeepClone();
        return result;
    }

    private static bool ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new ArgumentException($"--ablation '{text}': use true or false."),
    };

    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Show(double? value) => value is { } v ? AutomlTask.Round4(v).ToString(CultureInfo.InvariantCulture) : "-";

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}
