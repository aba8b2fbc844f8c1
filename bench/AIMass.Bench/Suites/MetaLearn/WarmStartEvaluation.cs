using System.Diagnostics;
using System.Text.Json.Nodes;
using AIMass.Optimization;
using AIMass.Optimization.MetaLearning;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// <c>metalearn eval</c>: leave-one-data-set-out over the knowledge base's tasks. For each task and seed, a warm study
/// (the advisor's configurations from the tasks on other data sets, mixed in by <see cref="WarmStartPolicy.Default"/>)
/// and a cold study (TPE alone) run with the same seeds; the best completed trial's validation score after 5, 10 and 20
/// trials is normalised per task, <c>max(0, (score - median) / (best - median))</c> with the build's median trial score
/// and the best score seen on the task (build and evaluation), and averaged over tasks and seeds.
/// </summary>
internal static class WarmStartEvaluation
{
    public static readonly int[] Checkpoints = [5, 10, 20];

    public static JsonObject Run(MetaLearnSettings settings, TextWriter log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var kb = KnowledgeBase.Load(settings.OutputPath);
        var policy = WarmStartPolicy.Default;
        var folder = Path.Combine(Path.GetTempPath(), $"aimass-metalearn-eval-{settings.Seed}-{Environment.ProcessId}");
        try
        {
            var catalog = TaskCatalog.Create(settings.RepositoryRoot, settings.Seed, folder).ToDictionary(t => t.Id);
            var missing = kb.Entries.Where(e => !catalog.ContainsKey(e.TaskId)).Select(e => e.TaskId).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException($"The knowledge base's tasks {string.Join(", ", missing)} are not in the catalog of seed {settings.Seed} (was it built with another --seed?). Knowledge base: {kb.Source}.");
            }
            var entries = kb.Entries.Where(e => settings.Tasks.Count == 0 || settings.Tasks.Contains(e.TaskId)).ToList();
            var proposals = entries.ToDictionary(e => e.TaskId, e => WarmStartAdvisor.Propose(
                kb.Where(other => other.DataSet is null || other.DataSet != e.DataSet), e.MetaFeatures, e.Task, requester: null,
                count: policy.WarmCount(settings.Trials)));
            var runner = new StudyRunner(new TrialCache(), settings.MaxEpochs, quietGc: settings.QuietGc);
            var jobs = new List<(KnowledgeEntry Entry, int Seed, bool Warm)>();
            foreach (var warm in new[] { false, true })
            foreach (var entry in entries)
            for (var s = 0; s < settings.Seeds; s++) jobs.Add((entry, s, warm));
            var journal = new EvaluationJournal(settings.JournalPath,
                $"{kb.Source}|seed {settings.Seed}|trials {settings.Trials}|epochs {settings.MaxEpochs}|warm slots {string.Join(",", policy.WarmSlots(settings.Trials, int.MaxValue))}");
            var runs = journal.Load().Where(r => entries.Any(e => e.TaskId == r.Key.Task) && r.Key.Seed < settings.Seeds)
                .ToDictionary(r => ((string, int, bool))r.Key, r => r.Value);
            var resumed = runs.Count;
            if (resumed > 0) log.WriteLine($"resuming: {resumed} of {jobs.Count} studies read from {settings.JournalPath}");
            var done = resumed;
            Parallel.ForEach(jobs.Where(j => !runs.ContainsKey((j.Entry.TaskId, j.Seed, j.Warm))).ToList(), new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = ct }, job =>
            {
                var task = catalog[job.Entry.TaskId];
                var trials = runner.Run(task, EvalStudySeed(settings.Seed, job.Seed), settings.Trials,
                    job.Warm ? proposals[job.Entry.TaskId].Configurations : null, job.Warm ? policy : null, ct);
                journal.Add(job.Entry.TaskId, job.Seed, job.Warm, trials);
                lock (runs)
                {
                    runs[(job.Entry.TaskId, job.Seed, job.Warm)] = trials;
                    done++;
                    log.WriteLine($"[{done,3}/{jobs.Count}] {job.Entry.TaskId,-18} seed {job.Seed} {(job.Warm ? "warm" : "cold")}: " +
                                  string.Join("  ", Checkpoints.Where(c => c <= settings.Trials).Select(c => $"@{c} {BestAfter(trials, c),7:F4}")) +
                                  $"  ({trials.Count(t => t.Trained)} trained, {watch.Elapsed.TotalMinutes:F1} min)");
                }
            });
            var summary = Summarise(settings, policy, entries, proposals, runs, watch.Elapsed.TotalSeconds, log);
            summary["native_error_retries"] = runner.NativeRetries;
            summary["resumed_studies"] = resumed;
            summary["gc_region_overflows"] = QuietGarbageCollector.Overflows;
            return summary;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The seed of the evaluation's warm and cold studies for seed number <paramref name="s"/> (never a build seed).</summary>
    public static int EvalStudySeed(int seed, int s) => unchecked(1_000_000 + seed * 1_000 + s);

    /// <summary>The best completed trial's score among the first <paramref name="n"/> trials, or NaN when none completed.</summary>
    public static double BestAfter(IReadOnlyList<TrialRecord> trials, int n)
    {
        var scores = trials.Take(n).Where(t => t.State == TrialState.Complete).Select(t => t.Score).ToList();
        return scores.Count > 0 ? scores.Max() : double.NaN;
    }

    private static JsonObject Summarise(MetaLearnSettings settings, WarmStartPolicy policy, List<KnowledgeEntry> entries,
        Dictionary<string, WarmStartProposal> proposals, Dictionary<(string, int, bool), IReadOnlyList<TrialRecord>> runs, double seconds, TextWriter log)
    {
        var checkpoints = Checkpoints.Where(c => c <= settings.Trials).ToArray();
        var warmAll = checkpoints.ToDictionary(c => c, _ => new List<double>());
        var coldAll = checkpoints.ToDictionary(c => c, _ => new List<double>());
        var perTask = new JsonArray();
        log.WriteLine();
        log.WriteLine($"{"task",-18} " + string.Join(" ", checkpoints.Select(c => $"{"warm@" + c,8} {"cold@" + c,8}")));
        foreach (var entry in entries)
        {
            var all = runs.Where(r => r.Key.Item1 == entry.TaskId).SelectMany(r => r.Value).Where(t => t.State == TrialState.Complete).Select(t => t.Score);
            var top = Math.Max(entry.BestScore, all.DefaultIfEmpty(entry.BestScore).Max());
            var floor = entry.MedianScore;
            // Below the build's median counts as 0: on tasks whose best and median trials lie close together, an unclipped
            // score of one poor study reaches -3 or less and outweighs every other task in the mean.
            double Normalise(double score) => double.IsNaN(score) ? 0 : top > floor ? Math.Max(0, (score - floor) / (top - floor)) : 1;
            var detail = new JsonObject { ["task"] = entry.TaskId, ["best_seen"] = Math.Round(top, 4), ["build_median"] = Math.Round(floor, 4) };
            foreach (var c in checkpoints)
            {
                var warm = Enumerable.Range(0, settings.Seeds).Select(s => Normalise(BestAfter(runs[(entry.TaskId, s, true)], c))).ToList();
                var cold = Enumerable.Range(0, settings.Seeds).Select(s => Normalise(BestAfter(runs[(entry.TaskId, s, false)], c))).ToList();
                warmAll[c].AddRange(warm);
                coldAll[c].AddRange(cold);
                detail[$"warm_at_{c}"] = Math.Round(warm.Average(), 4);
                detail[$"cold_at_{c}"] = Math.Round(cold.Average(), 4);
            }
            detail["neighbours"] = new JsonArray(proposals[entry.TaskId].Neighbours.Select(n => (JsonNode?)n.TaskId).ToArray());
            detail["warm_families"] = new JsonArray(proposals[entry.TaskId].Configurations.Select(p => (JsonNode?)p.GetValueOrDefault("family")).ToArray());
            perTask.Add(detail);
            log.WriteLine($"{entry.TaskId,-18} " + string.Join(" ", checkpoints.Select(c => $"{detail[$"warm_at_{c}"],8} {detail[$"cold_at_{c}"],8}")));
        }
        var result = new JsonObject
        {
            ["command"] = "eval",
            ["knowledge_base"] = Path.GetRelativePath(settings.RepositoryRoot, settings.OutputPath),
            ["tasks"] = entries.Count,
            ["seeds"] = settings.Seeds,
            ["trials"] = settings.Trials,
            ["max_epochs"] = settings.MaxEpochs,
            ["policy"] = new JsonObject
            {
                ["leading_warm_trials"] = policy.LeadingWarmTrials,
                ["stride"] = policy.Stride,
                ["max_warm_trials"] = policy.MaxWarmTrials,
                ["max_warm_share"] = Math.Round(policy.MaxWarmShare, 4),
                ["warm_slots"] = new JsonArray(policy.WarmSlots(settings.Trials, int.MaxValue).Select(i => (JsonNode?)i).ToArray()),
            },
            ["normalisation"] = "max(0, (best score so far - build median) / (best seen on the task - build median)), completed trials only, 0 before the first",
        };
        foreach (var c in checkpoints)
        {
            result[$"warm_at_{c}"] = Math.Round(warmAll[c].Average(), 4);
            result[$"cold_at_{c}"] = Math.Round(coldAll[c].Average(), 4);
            var differences = warmAll[c].Zip(coldAll[c], (w, k) => w - k).ToList();
            var mean = differences.Average();
            var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, differences.Count - 1));
            result[$"difference_at_{c}"] = Math.Round(mean, 4);
            result[$"difference_se_at_{c}"] = Math.Round(sd / Math.Sqrt(differences.Count), 4);
        }
        var at = (int c, string side) => result[$"{side}_at_{c}"]!.GetValue<double>();
        result["goal_met"] = checkpoints.Length == 3 && at(5, "warm") > at(5, "cold") && at(10, "warm") > at(10, "cold") && at(20, "warm") >= at(20, "cold");
        result["trained_trials"] = runs.Values.Sum(r => r.Count(t => t.Trained));
        result["replayed_trials"] = runs.Values.Sum(r => r.Count(t => !t.Trained && t.State != TrialState.Fail));
        result["seconds"] = Math.Round(seconds, 1);
        result["per_task"] = perTask;
        return result;
    }
}
