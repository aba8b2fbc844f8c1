using AIMass.Optimization;
using AIMass.Optimization.MetaLearning;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// The second half of <c>metalearn build</c>: trains the top <see cref="WarmStartAdvisor.PortfolioCandidatesPerTask"/>
/// configurations of every task on every other task of the same kind (fitted to that task's search space as a warm
/// configuration is; skipped when its architecture family is not in that space) and records the scores as the target
/// entry's <see cref="KnowledgeEntry.Evaluations"/>. Each run is a one-trial study (so no pruner acts) whose seed depends
/// only on the target task, so every configuration on one task trains from the same seed. Failed runs are left out.
/// </summary>
internal static class CrossEvaluator
{
    private static readonly WarmStartPolicy OnlyWarm = new() { LeadingWarmTrials = 1, MaxWarmTrials = 1, MaxWarmShare = 1 };

    public static (KnowledgeEntry[] Entries, int Runs, int Failed) Run(IReadOnlyList<MetaTask> tasks, IReadOnlyList<KnowledgeEntry> entries,
        StudyRunner runner, int seed, int parallel, TextWriter log, CancellationToken ct)
    {
        var jobs = new List<(int Target, int Source, IReadOnlyDictionary<string, string> Parameters)>();
        for (var t = 0; t < tasks.Count; t++)
        {
            var families = runner.SpaceFor(tasks[t]).Parameters.FirstOrDefault(p => p.Name == "family")?.Choices ?? [];
            for (var s = 0; s < entries.Count; s++)
            {
                if (s == t || entries[s].Task != entries[t].Task) continue;
                foreach (var c in entries[s].Top.Take(WarmStartAdvisor.PortfolioCandidatesPerTask))
                {
                    if (c.Parameters.TryGetValue("family", out var family) && !families.Contains(family, StringComparer.Ordinal)) continue;
                    jobs.Add((t, s, c.Parameters));
                }
            }
        }
        var scores = new double[jobs.Count];
        var done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, j =>
        {
            var (target, _, parameters) = jobs[j];
            var record = runner.Run(tasks[target], CrossStudySeed(seed, target), 1, [parameters], OnlyWarm, ct)[0];
            scores[j] = record.State == TrialState.Complete && double.IsFinite(record.Score) ? record.Score : double.NaN;
            var n = Interlocked.Increment(ref done);
            if (n % 50 == 0 || n == jobs.Count) lock (log) log.WriteLine($"cross-evaluated {n} of {jobs.Count} configurations");
        });
        var result = entries.ToArray();
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = result[t] with
            {
                Evaluations = jobs.Select((job, j) => (job, j))
                    .Where(x => x.job.Target == t && double.IsFinite(scores[x.j]))
                    .Select(x => new CrossEvaluation { SourceTaskId = entries[x.job.Source].TaskId, Parameters = x.job.Parameters, Score = scores[x.j] })
                    .ToList(),
            };
        }
        return (result, jobs.Count, scores.Count(double.IsNaN));
    }

    /// <summary>The seed of every cross-evaluation run on task <paramref name="target"/> (never a build or evaluation seed).</summary>
    public static int CrossStudySeed(int seed, int target) => unchecked(2_000_000 + seed * 1_000 + target);
}
