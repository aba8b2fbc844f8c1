using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// <c>metalearn</c>: the meta-learner's prior and its value.
/// <list type="bullet">
/// <item><c>metalearn build [--seed N] [--out PATH] [--trials 20] [--max-epochs 8] [--parallel 1] [--quiet-gc] [--tasks a,b]</c>: builds the
/// prior knowledge base (<see cref="KnowledgeBuilder"/>); default output <c>silo/AIMass.Silo/Knowledge/prior-knowledge.json</c>.</item>
/// <item><c>metalearn eval [--seeds 3] [--seed N] [--kb PATH] [--trials 20] [--max-epochs 8] [--parallel 1] [--quiet-gc] [--journal PATH] [--tasks a,b] --json</c>:
/// warm-started versus cold TPE, leave one data set out (<see cref="WarmStartEvaluation"/>); <c>--seed</c> must be the
/// build's seed (it regenerates the same tasks).</item>
/// </list>
/// Export <c>OMP_WAIT_POLICY=PASSIVE</c> before running: trials train with one thread each, <c>--parallel</c> at a time.
/// Native libtorch errors are retried (<see cref="StudyRunner.MaxAttempts"/>): TorchSharp 0.107 can free a temporary
/// scalar during a native call when a collection runs (see <see cref="QuietGarbageCollector"/>), which can also end the
/// process with a segmentation fault; <c>eval --journal PATH</c> keeps finished studies there, so running the same
/// command again resumes. <c>--quiet-gc</c> (with <c>--parallel 1</c>) trains each run inside a no-GC region: no
/// crashes and repeatable results, but image ResNets then diverge in their first epoch (a training-engine defect that
/// depends on finalisers running during training), so the shipped prior is built without it.
/// </summary>
public sealed class MetaLearnSuite : IBenchSuite
{
    public string Name => "metalearn";

    public string Description => "meta-learning: 'build' the prior knowledge base, 'eval' warm-started vs cold TPE (leave one data set out)";

    /// <summary><c>all</c> runs <c>eval</c> against the shipped prior.</summary>
    public bool IncludedInAll => true;

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        // Without a command (as under 'all') the suite evaluates the shipped prior.
        var command = context.Arguments.Count > 0 && !context.Arguments[0].StartsWith("--", StringComparison.Ordinal) ? context.Arguments[0] : "eval";
        var settings = MetaLearnSettings.From(context).Validated();
        return Task.Run(() => command switch
        {
            "build" => KnowledgeBuilder.Run(settings, context.Log, ct),
            "eval" => WarmStartEvaluation.Run(settings, context.Log, ct),
            _ => throw new ArgumentException($"metalearn takes a command: 'build' or 'eval' (got '{command}')."),
        }, ct);
    }
}
