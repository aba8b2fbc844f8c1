using System.Globalization;
using AIMass.Grains.Datasets;
using AIMass.Grains.MetaLearning;
using AIMass.Grains.Security;
using AIMass.Grains.Studies.SearchSpaces;

namespace AIMass.Grains.Studies;

/// <summary>
/// Meta-learning around the search: the data's meta-features, warm-start configurations from the most similar
/// earlier data sets (interleaved with the sampler's own proposals, so a poor warm start cannot take over the
/// budget), and what the finished study teaches the knowledge base.
/// </summary>
public sealed partial class StudyGrain
{
    /// <summary>Best configurations a finished study contributes.</summary>
    private const int KnowledgeTopConfigurations = 5;

    /// <summary>Meta-features for the study's target: cached on the data set version, computed off the turn otherwise.</summary>
    private async Task<Dictionary<string, double>> MetaFeaturesAsync(DatasetVersionInfo version, string target)
    {
        if (version.MetaFeaturesTarget == target && version.MetaFeatures.Count > 0) return version.MetaFeatures;
        var features = await metaFeatures.ComputeAsync(version, target);
        using (CallerContext.AsSystem())
        {
            await GrainFactory.GetGrain<IDatasetGrain>(GrainKeys.Scoped(TenantId, S.Spec!.DatasetId)).SetMetaFeaturesAsync(version.Version, target, features);
        }
        return features;
    }

    /// <summary>Asks the meta-learner for configurations and keeps those that fit this study's space.</summary>
    private async Task PrepareWarmStartAsync()
    {
        var budget = S.Spec!.Budget.MaxTrials ?? 30;
        var count = WarmStartSchedule.Count(budget);
        if (!S.Spec.UseMetaLearning || count == 0 || S.MetaFeatures.Count == 0) return;
        WarmStartAdvice advice;
        using (CallerContext.AsSystem())
        {
            advice = await GrainFactory.GetGrain<IMetaLearnerGrain>(IMetaLearnerGrain.Key)
                .AdviseAsync(new WarmStartQuery { TenantId = TenantId, Task = S.Task, MetaFeatures = S.MetaFeatures, Count = count });
        }
        S.WarmStartNeighbours = advice.Neighbours;
        foreach (var configuration in advice.Configurations)
        {
            var adapted = WarmStartAdapter.Adapt(configuration, S.Space);
            if (adapted.Count == 0) continue;
            S.PendingWarmStarts.Add(adapted.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture)!));
        }
        S.WarmStartTrials = S.PendingWarmStarts.Count;
    }

    /// <summary>Enqueues the next warm configuration in the optimizer when the schedule says this trial is a warm one.</summary>
    private void EnqueueWarmStartIfDue(Optimization.Study optimizer)
    {
        if (S.PendingWarmStarts.Count == 0 || !WarmStartSchedule.IsWarm(SearchTrials(), S.WarmStartTrials - S.PendingWarmStarts.Count)) return;
        var next = S.PendingWarmStarts[0];
        S.PendingWarmStarts.RemoveAt(0);
        var typed = WarmStartAdapter.Adapt(next, S.Space);
        optimizer.EnqueueTrial(typed, new Dictionary<string, object?> { ["warm_start"] = string.Join(",", S.WarmStartNeighbours.Take(3)) });
    }

    /// <summary>Tells the meta-learner what this study learned: its meta-features and best configurations.</summary>
    private async Task RecordKnowledgeAsync()
    {
        var searched = S.Trials.Values
            .Where(t => t.Kind is TrialKind.Search or TrialKind.WarmStart && t.Status == TrialStatus.Complete && t.Value is { } v && double.IsFinite(v))
            .ToList();
        if (searched.Count == 0 || S.MetaFeatures.Count == 0) return;
        var best = searched.Max(t => t.Value!.Value);
        var worst = searched.Min(t => t.Value!.Value);
        var top = searched.OrderByDescending(t => t.Value).Take(KnowledgeTopConfigurations).Select(t => new ConfigurationOutcome
        {
            Parameters = t.Params,
            Score = t.Value!.Value,
            NormalizedScore = best > worst ? (t.Value!.Value - worst) / (best - worst) : 1,
            Curve = t.IntermediateValues,
        }).ToArray();
        using (CallerContext.AsSystem())
        {
            await GrainFactory.GetGrain<IMetaLearnerGrain>(IMetaLearnerGrain.Key).RecordAsync(new StudyKnowledge
            {
                TaskId = Key,
                TenantId = TenantId,
                Shared = S.ShareKnowledge,
                Task = S.Task,
                MetaFeatures = S.MetaFeatures,
                Top = top,
            });
        }
    }
}
