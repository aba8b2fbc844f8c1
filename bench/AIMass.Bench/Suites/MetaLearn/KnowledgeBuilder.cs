using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AIMass.Optimization;
using AIMass.Optimization.MetaLearning;
using AIMass.Training;
using AIMass.Training.MetaFeatures;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// <c>metalearn build</c>: runs a cold TPE study of <c>trials</c> trials on every task of the <see cref="TaskCatalog"/>
/// and records, per task, its meta-features, the top configurations of its completed trials with their curves, and its
/// score statistics; then trains every task's best few configurations on the other tasks of its kind
/// (<see cref="CrossEvaluator"/>), so the advisor knows how configurations transfer. The result is the prior knowledge
/// base. Reproducible from the seed: the tasks, their splits, the studies'
/// seeds and the meta-feature subsamples all derive from it.
/// </summary>
internal static class KnowledgeBuilder
{
    /// <summary>Top configurations kept per task.</summary>
    public const int TopPerTask = 10;

    public static JsonObject Run(MetaLearnSettings settings, TextWriter log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), $"aimass-metalearn-{settings.Seed}-{Environment.ProcessId}");
        try
        {
            var tasks = settings.Select(TaskCatalog.Create(settings.RepositoryRoot, settings.Seed, folder));
            var runner = new StudyRunner(new TrialCache(), settings.MaxEpochs, quietGc: settings.QuietGc);
            var entries = new KnowledgeEntry?[tasks.Count];
            var details = new JsonObject?[tasks.Count];
            Parallel.For(0, tasks.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = ct }, i =>
            {
                var task = tasks[i];
                var taskWatch = Stopwatch.StartNew();
                var features = MetaFeatureExtractor.Compute(task.Table, task.Target, task.Image, settings.Seed,
                    task: task.Task == "regression" ? TaskKind.Regression : TaskKind.Classification);
                var featureSeconds = taskWatch.Elapsed.TotalSeconds;
                var trials = runner.Run(task, BuildStudySeed(settings.Seed, i), settings.Trials, ct: ct);
                var completed = trials.Where(t => t.State == TrialState.Complete).ToList();
                entries[i] = KnowledgeEntry.FromTrials(task.Id, task.Task, features,
                    completed.Select(t => new ObservedTrial(t.Parameters, t.Score, t.Curve)),
                    TopPerTask, owner: null, shared: true, dataSet: task.DataSet, metric: task.Metric);
                details[i] = new JsonObject
                {
                    ["task"] = task.Id,
                    ["rows"] = task.Table.RowCount,
                    ["completed"] = completed.Count,
                    ["pruned"] = trials.Count(t => t.State == TrialState.Pruned),
                    ["failed"] = trials.Count(t => t.State == TrialState.Fail),
                    ["failure_reasons"] = new JsonArray(trials.Where(t => t.Error is not null).Select(t => t.Error!.Length > 120 ? t.Error[..120] : t.Error)
                        .Distinct().Select(e => (JsonNode?)e).ToArray()),
                    ["best"] = Math.Round(entries[i]!.BestScore, 4),
                    ["median"] = Math.Round(entries[i]!.MedianScore, 4),
                    ["best_family"] = entries[i]!.Top[0].Parameters.GetValueOrDefault("family"),
                    ["meta_feature_seconds"] = Math.Round(featureSeconds, 3),
                    ["seconds"] = Math.Round(taskWatch.Elapsed.TotalSeconds, 1),
                };
                lock (log)
                {
                    log.WriteLine($"{task.Id,-18} rows {task.Table.RowCount,5}  best {entries[i]!.BestScore,7:F4}  median {entries[i]!.MedianScore,7:F4}  " +
                                  $"({completed.Count} completed, {details[i]!["pruned"]} pruned, {details[i]!["failed"]} failed; {taskWatch.Elapsed.TotalSeconds:F0} s)");
                }
            });
            var crossWatch = Stopwatch.StartNew();
            var (withEvaluations, crossRuns, crossFailed) = CrossEvaluator.Run(tasks, entries.Select(e => e!).ToList(), runner, settings.Seed, settings.Parallel, log, ct);
            var kb = new KnowledgeBase(withEvaluations,
                string.Create(CultureInfo.InvariantCulture, $"metalearn build --seed {settings.Seed} --trials {settings.Trials} --max-epochs {settings.MaxEpochs}"));
            kb.Save(settings.OutputPath);
            log.WriteLine($"wrote {kb.Count} tasks to {settings.OutputPath} in {watch.Elapsed.TotalSeconds:F0} s");
            return new JsonObject
            {
                ["command"] = "build",
                ["seed"] = settings.Seed,
                ["trials_per_task"] = settings.Trials,
                ["max_epochs"] = settings.MaxEpochs,
                ["parallel"] = settings.Parallel,
                ["tasks"] = kb.Count,
                ["output"] = settings.OutputPath,
                ["cross_evaluations"] = crossRuns,
                ["cross_evaluations_failed"] = crossFailed,
                ["cross_evaluation_seconds"] = Math.Round(crossWatch.Elapsed.TotalSeconds, 1),
                ["native_error_retries"] = runner.NativeRetries,
                ["gc_region_overflows"] = QuietGarbageCollector.Overflows,
                ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 1),
                ["per_task"] = new JsonArray(details.Select(d => (JsonNode?)d).ToArray()),
            };
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The seed of the build's study on task <paramref name="index"/>.</summary>
    public static int BuildStudySeed(int seed, int index) => unchecked(seed * 1_000 + index);
}
