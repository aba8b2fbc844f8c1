using System.Collections.Concurrent;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// Remembers training runs by task, trial seed and parameters. Training is deterministic for equal inputs (same
/// data, split seed, trial seed, hyperparameters, one thread), so a run asked for again (a warm and a cold study
/// share their random start-up trials) is replayed epoch by epoch instead of trained again; the pruner still sees
/// every epoch. A run stopped early is stored as a prefix and trained again only if a later study goes further.
/// </summary>
internal sealed class TrialCache
{
    private readonly ConcurrentDictionary<string, CachedRun> _runs = new(StringComparer.Ordinal);

    /// <summary>A stored run: the validation curve so far, whether training ran to its end, its final score, or why it failed.</summary>
    public sealed record CachedRun(double[] Curve, bool Complete, double Score, string? Error);

    public CachedRun? Get(string key) => _runs.TryGetValue(key, out var run) ? run : null;

    /// <summary>Stores a run unless a complete, failed or longer one is already stored.</summary>
    public void Put(string key, CachedRun run) =>
        _runs.AddOrUpdate(key, run, (_, old) => old.Complete || old.Error is not null || (old.Curve.Length >= run.Curve.Length && !run.Complete) ? old : run);
}
