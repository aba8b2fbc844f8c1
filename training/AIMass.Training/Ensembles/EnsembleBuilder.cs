using System.Diagnostics;
using AIMass.Training.Artifacts;
using AIMass.Training.Metrics;
using AIMass.Training.Training;

namespace AIMass.Training.Ensembles;

/// <summary>
/// Builds an ensemble artifact from cross-validated models of one study: selects weights greedily on their stored
/// out-of-fold predictions (<see cref="EnsembleSelection"/>), scores the weighted combination out-of-fold (the
/// validation metrics, slightly optimistic since the weights were chosen on them) and on the internal test rows (from
/// the members' stored test predictions: honest, those rows were never trained on or selected with), and packs the
/// members with weight above zero. The ensemble's parameters, size and latency are its members' summed.
/// </summary>
public static class EnsembleBuilder
{
    /// <summary>
    /// Candidates whose predictions or preprocessing differ from the first usable one (another split, other rows) are
    /// left out. Throws <see cref="ArgumentException"/> when no candidate has stored predictions.
    /// </summary>
    /// <param name="candidates">Cross-validated artifacts with <see cref="ModelArtifact.Predictions"/>, each with a source name (e.g. <c>trial 12</c>).</param>
    public static EnsembleResult Build(IReadOnlyList<(string Source, ModelArtifact Artifact)> candidates, int rounds = EnsembleSelection.DefaultRounds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var watch = Stopwatch.StartNew();
        var usable = Usable(candidates);
        if (usable.Count == 0) throw new ArgumentException("No candidate has stored out-of-fold predictions from the same rows.", nameof(candidates));
        var first = usable[0].Artifact;
        var encoding = first.Preprocessing.Target;
        var stored = first.Predictions!;
        var classification = encoding.Task == TaskKind.Classification;
        var standardised = stored.TrainTargets?.Select(t => (t - encoding.Mean) / encoding.Scale).ToArray();
        var weights = EnsembleSelection.Select(usable.Select(c => c.Artifact.Predictions!.OutOfFold).ToList(), stored.Width,
            classification ? stored.TrainLabels : null, classification ? null : standardised, rounds);

        var picked = Enumerable.Range(0, usable.Count).Where(i => weights[i] > 0).ToList();
        var validation = Evaluator.Metrics(Combine(picked, weights, usable, p => p.OutOfFold), stored.TrainLabels, stored.TrainTargets, encoding);
        var test = stored.TestRows.Length == 0
            ? new Dictionary<string, double>()
            : Evaluator.Metrics(Combine(picked, weights, usable, p => p.Test), stored.TestLabels, stored.TestTargets, encoding);
        var members = picked.Select(i => usable[i].Artifact).ToList();
        var metricName = MetricNames.SelectionMetric(encoding.Task);
        var m = first.Metadata;
        var metadata = m with
        {
            Family = TrainingModes.Ensemble,
            TrainedAs = TrainingModes.Ensemble,
            EmbeddingSize = 0,
            Hyperparameters = new Dictionary<string, object>(),
            ValidationScore = validation.GetValueOrDefault(metricName, double.NaN),
            ValidationMetrics = validation,
            TestMetrics = test,
            ParameterCount = members.Sum(a => a.Metadata.ParameterCount),
            LatencyMsPerRow = members.Sum(a => a.Metadata.LatencyMsPerRow),
            LatencyMsPerRowBatch256 = members.Sum(a => a.Metadata.LatencyMsPerRowBatch256),
            EpochsRun = 0,
            Seed = 0,
            TrainRows = members.Max(a => a.Metadata.TrainRows),
            ValidationRows = stored.TrainRows.Length,
            Teacher = null,
            CreatedUtc = DateTimeOffset.UtcNow,
            Members = picked.Select(i => new MemberInfo(usable[i].Artifact.Metadata.Family, weights[i], usable[i].Artifact.Metadata.TrainedAs,
                usable[i].Artifact.Metadata.TrainRows, usable[i].Artifact.Metadata.ParameterCount, usable[i].Source)).ToList(),
        };
        var artifact = ModelArtifact.CreateComposite(metadata, first.Preprocessing, members, predictions: null);
        var outcome = TrainingOutcome.FromArtifact(artifact, Array.Empty<EpochReport>(), stoppedByCallback: false, diverged: false, m.LatencyDevice, watch.Elapsed.TotalSeconds);
        return new EnsembleResult(outcome, picked.ToDictionary(i => usable[i].Source, i => weights[i]));
    }

    private static List<(string Source, ModelArtifact Artifact)> Usable(IReadOnlyList<(string Source, ModelArtifact Artifact)> candidates)
    {
        var usable = new List<(string, ModelArtifact)>();
        StoredPredictions? reference = null;
        string? preprocessing = null;
        foreach (var (source, artifact) in candidates)
        {
            if (artifact.Predictions is not { } p || p.TrainRows.Length == 0) continue;
            var json = artifact.Preprocessing.ToJson();
            if (reference is null)
            {
                reference = p;
                preprocessing = json;
            }
            else if (!p.SameRows(reference) || json != preprocessing)
            {
                continue;
            }
            usable.Add((source, artifact));
        }
        return usable;
    }

    private static float[] Combine(List<int> picked, double[] weights, List<(string Source, ModelArtifact Artifact)> usable, Func<StoredPredictions, float[]> select)
    {
        var sum = new double[select(usable[picked[0]].Artifact.Predictions!).Length];
        foreach (var i in picked)
        {
            var outputs = select(usable[i].Artifact.Predictions!);
            for (var j = 0; j < sum.Length; j++) sum[j] += weights[i] * outputs[j];
        }
        return Array.ConvertAll(sum, v => (float)v);
    }
}
