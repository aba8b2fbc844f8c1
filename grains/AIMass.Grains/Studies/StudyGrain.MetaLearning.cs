using System.Globalization;
using AIMass.Grains.Datasets;
using AIMass.Grains.MetaLearning;
using AIMass.Grains.Security;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Optimization.MetaLearning;

namespace AIMass.Grains.Studies;

/// <summary>
/// Meta-learning around the search: the data's meta-features, warm-start configurations from the most similar
/// earlier data sets (interleaved with the sampler's own proposals, so a poor warm start cannot take over the
/// budget), and what the finished study teaches the knowledge base.
/// </summary>
public sealed partial class StudyGrain
{
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
        var count = WarmStartPolicy.Default.WarmCount(S.Spec!.Budget.MaxTrials);
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
        var used = S.WarmStartTrials - S.PendingWarmStarts.Count;
        if (S.PendingWarmStarts.Count == 0 || !WarmStartPolicy.Default.IsWarmSlot(SearchTrials(), used, S.WarmStartTrials, S.Spec!.Budget.MaxTrials)) return;
        var next = S.PendingWarmStarts[0];
        S.PendingWarmStarts.RemoveAt(0);
        var typed = WarmStartAdapter.Adapt(next, S.Space);
        optimizer.EnqueueTrial(typed, new Dictionary<string, object?> { ["warm_start"] = string.Join(",", S.WarmStartNeighbours.Take(3)) });
    }

    /// <summary>Enqueues the next default configuration of the portfolio (see <see cref="DefaultPortfolio"/>).</summary>
    private void EnqueuePortfolio(Optimization.Study optimizer)
    {
        var next = S.PendingPortfolio[0];
        S.PendingPortfolio.RemoveAt(0);
        optimizer.EnqueueTrial(WarmStartAdapter.Adapt(next, S.Space), new Dictionary<string, object?> { ["portfolio"] = "default" });
    }

    /// <summary>Tells the meta-learner what this study learned: its meta-features and best configurations.</summary>
    private async Task RecordKnowledgeAsync()
    {
        var searched = S.Trials.Values
            .Where(t => t.Kind is TrialKind.Search or TrialKind.WarmStart && t.Status == TrialStatus.Complete && t.Value is { } v && double.IsFinite(v))
            .Select(t => new ConfigurationOutcome { Parameters = t.Params, Score = t.Value!.Value, Curve = t.IntermediateValues })
            .ToArray();
        if (searched.Length == 0 || S.MetaFeatures.Count == 0) return;
        using (CallerContext.AsSystem())
        {
            await GrainFactory.GetGrain<IMetaLearnerGrain>(IMetaLearnerGrain.Key).RecordAsync(new StudyKnowledge
            {
                TaskId = Key,
                TenantId = TenantId,
                Shared = S.ShareKnowledge,
                Task = S.Task,
                MetaFeatures = S.MetaFeatures,
                Trials = searched,
                Metric = S.Metric,
            });
        }
    }
}
