using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// <c>metalearn</c>: the meta-learner's prior and its value.
/// <list type="bullet">
/// <item><c>metalearn build [--seed N] [--out PATH] [--trials 20] [--max-epochs 8] [--parallel 2] [--tasks a,b]</c>: builds the
/// prior knowledge base (<see cref="KnowledgeBuilder"/>); default output <c>silo/AIMass.Silo/Knowledge/prior-knowledge.json</c>.</item>
/// <item><c>metalearn eval [--seeds 3] [--seed N] [--kb PATH] [--trials 20] [--max-epochs 8] [--parallel 2] [--tasks a,b] --json</c>:
/// warm-started versus cold TPE, leave one data set out (<see cref="WarmStartEvaluation"/>); <c>--seed</c> must be the
/// build's seed (it regenerates the same tasks).</item>
/// </list>
/// Export <c>OMP_WAIT_POLICY=PASSIVE</c> before running: trials train with one thread each, <c>--parallel</c> at a time.
/// </summary>
public sealed class MetaLearnSuite : IBenchSuite
{
    public string Name => "metalearn";

    public string Description => "meta-learning: 'build' the prior knowledge base, 'eval' warm-started vs cold TPE (leave one data set out)";

    public bool IncludedInAll => false;

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var command = context.Arguments.Count > 0 ? context.Arguments[0] : "";
        var settings = MetaLearnSettings.From(context);
        return Task.Run(() => command switch
        {
            "build" => KnowledgeBuilder.Run(settings, context.Log, ct),
            "eval" => WarmStartEvaluation.Run(settings, context.Log, ct),
            _ => throw new ArgumentException($"metalearn needs a command: 'build' or 'eval' (got '{command}')."),
        }, ct);
    }
}
