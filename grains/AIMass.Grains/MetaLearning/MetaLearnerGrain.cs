using AIMass.Grains.Hosting;
using AIMass.Optimization.MetaLearning;
using Microsoft.Extensions.Logging;

namespace AIMass.Grains.MetaLearning;

/// <summary>
/// The meta-learner: the shipped prior plus what every completed study taught (meta-features and
/// configurations only, never data), and warm-start advice from the nearest earlier tasks a tenant may learn
/// from (shared ones and its own; an opted-out tenant's studies help only that tenant). A nearest-neighbour
/// look-up over a few hundred entries takes well under a millisecond, so it runs in the grain turn.
/// </summary>
public sealed partial class MetaLearnerGrain(
    [PersistentState("meta-learner", StorageNames.State)] IPersistentState<MetaLearnerState> state,
    PriorKnowledge prior,
    ILogger<MetaLearnerGrain> logger) : Grain, IMetaLearnerGrain
{
    /// <summary>Best configurations kept per learned task.</summary>
    public const int TopPerTask = 10;

    private KnowledgeBase _learned = KnowledgeBase.Empty;
    private KnowledgeBase _combined = KnowledgeBase.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _learned = string.IsNullOrEmpty(state.State.LearnedJson) ? KnowledgeBase.Empty : KnowledgeBase.FromJson(state.State.LearnedJson);
        Combine();
        if (prior.Problem is not null) LogNoPrior(prior.Problem);
        return Task.CompletedTask;
    }

    public Task<WarmStartAdvice> AdviseAsync(WarmStartQuery query)
    {
        var proposal = WarmStartAdvisor.Propose(_combined, query.MetaFeatures.Where(kv => double.IsFinite(kv.Value)).ToDictionary(),
            query.Task, query.TenantId, Math.Max(0, query.Count));
        LogAdvised(query.TenantId, proposal.Configurations.Count, string.Join(",", proposal.Neighbours.Take(3).Select(n => n.TaskId)));
        return Task.FromResult(new WarmStartAdvice
        {
            Configurations = proposal.Configurations.Select(c => c.ToDictionary(kv => kv.Key, kv => kv.Value)).ToArray(),
            // Other tenants' task ids are study keys: name only those the requester owns or the shipped prior's.
            Neighbours = proposal.Neighbours.Select(n => n.Owner is null || n.Owner == query.TenantId ? n.TaskId : "(shared task)").ToArray(),
        });
    }

    public async Task RecordAsync(StudyKnowledge knowledge)
    {
        var observed = knowledge.Trials.Select(t => new ObservedTrial(t.Parameters, t.Score, t.Curve)).ToList();
        if (observed.Count == 0) return;
        var entry = KnowledgeEntry.FromTrials(knowledge.TaskId, knowledge.Task, knowledge.MetaFeatures.Where(kv => double.IsFinite(kv.Value)).ToDictionary(),
            observed, TopPerTask, owner: knowledge.TenantId, shared: knowledge.Shared, metric: knowledge.Metric);
        _learned = _learned.Where(e => e.TaskId != knowledge.TaskId).With(entry);
        state.State.LearnedJson = _learned.ToJson();
        await state.WriteStateAsync();
        Combine();
        LogRecorded(knowledge.TaskId, observed.Count, knowledge.Shared);
    }

    public Task<KnowledgeSummary> GetSummaryAsync() => Task.FromResult(new KnowledgeSummary
    {
        PriorEntries = prior.Base.Count,
        LearnedEntries = _learned.Count,
        SharedEntries = _combined.Entries.Count(e => e.Shared),
        Tasks = _combined.Entries.Select(e => e.DataSet ?? e.TaskId).Distinct().Order(StringComparer.Ordinal).ToArray(),
    });

    private void Combine() => _combined = new KnowledgeBase(prior.Base.Entries.Concat(_learned.Entries), "prior+learned");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta-learner starts without prior knowledge: {Problem}")]
    private partial void LogNoPrior(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm start for tenant {Tenant}: {Count} configurations from {Neighbours}")]
    private partial void LogAdvised(string tenant, int count, string neighbours);

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned from {TaskId}: {Trials} trials (shared: {Shared})")]
    private partial void LogRecorded(string taskId, int trials, bool shared);
}
