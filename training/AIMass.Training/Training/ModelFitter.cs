using AIMass.Training.Configuration;
using AIMass.Training.Metrics;
using AIMass.Training.Models;
using AIMass.Training.Models.Host;
using AIMass.Training.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// Trains the family the hyperparameters name on one prepared split: a network by gradient descent (epochs, early
/// stopping on the split's validation rows, the callback after every epoch), or a host model (trees, linear,
/// neighbours) in one fit, reported to the callback once. Shared by the holdout pipeline, every fold of a
/// cross-validation and a refit.
/// </summary>
internal static class ModelFitter
{
    /// <param name="fixedEpochs">For a refit: train exactly this many epochs and keep the last (no validation rows).</param>
    /// <param name="keepBestEpoch">
    /// Whether a network keeps its best validation epoch's weights (a holdout split) or its last ones (a fold of a
    /// cross-validation: the fold's rows are its out-of-fold predictions, so picking the epoch on them would flatter its
    /// score; early stopping on patience still ends training).
    /// </param>
    public static FittedModel Fit(JobContext job, HyperparameterReader hp, string family, TrainingRequest request, int seed,
        Func<EpochReport, EpochDecision>? onEpoch, CancellationToken ct, int? fixedEpochs = null, bool keepBestEpoch = true) =>
        HostModels.IsHostFamily(family)
            ? FitHost(job, hp, family, request, seed, onEpoch, ct)
            : FitNetwork(job, hp, request, seed, onEpoch, ct, fixedEpochs, keepBestEpoch);

    private static FittedModel FitNetwork(JobContext job, HyperparameterReader hp, TrainingRequest request, int seed,
        Func<EpochReport, EpochDecision>? onEpoch, CancellationToken ct, int? fixedEpochs, bool keepBestEpoch)
    {
        var settings = TrainerSettings.Read(hp, request.MaxEpochs, request.Image is not null);
        if (fixedEpochs is { } epochs) settings = settings with { Epochs = Math.Max(1, epochs), Patience = 0 };
        var target = job.Preprocessing.Target;
        var model = ModelFactory.CreateFrom(hp, job.Preprocessing.FeatureCount, target.Outputs, request.Image, seed).to(job.Device);
        try
        {
            using var classWeights = ClassWeights(settings, job.Train, target, job.Device);
            Trainer.LossFunction loss = target.Task == TaskKind.Classification
                ? (x, labels, _) =>
                {
                    using var logits = model.call(x);
                    return nn.functional.cross_entropy(logits, labels, classWeights, label_smoothing: settings.LabelSmoothing);
                }
                : (x, values, _) =>
                {
                    using var output = model.call(x);
                    return nn.functional.mse_loss(output, values);
                };
            var result = new Trainer
            {
                Model = model,
                Settings = settings,
                Train = job.Train,
                Validate = () => Evaluator.Score(model, job.ScoringRows, target, ct),
                Loss = loss,
                MetricName = MetricNames.SelectionMetric(target.Task),
                Seed = seed,
                Image = request.Image,
                KeepBestEpoch = keepBestEpoch && fixedEpochs is null,
            }.Run(onEpoch, ct);
            var finished = new FinishedModel(model.Family, model.ParameterCount, model.EmbeddingSize,
                rows => Evaluator.Outputs(model, rows, target.Task, ct),
                () => LatencyMeter.Measure(model, job.Device),
                () =>
                {
                    using var buffer = new MemoryStream();
                    model.save(buffer);
                    return buffer.ToArray();
                });
            return new FittedModel(finished, result, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A host model is fitted in one go: its one report is the final score, and there is nothing left for a pruner's
    /// verdict to stop, so the answer is not taken (the model is not stopped by the callback). Cancellation is observed
    /// before and after the fit.
    /// </summary>
    private static FittedModel FitHost(JobContext job, HyperparameterReader hp, string family, TrainingRequest request, int seed,
        Func<EpochReport, EpochDecision>? onEpoch, CancellationToken ct)
    {
        var target = job.Preprocessing.Target;
        var train = job.Train;
        var features = job.Preprocessing.FeatureCount;
        var x = train.SliceToArray(0, train.Count);
        var standardised = target.Task == TaskKind.Regression ? train.RawTargets!.Select(v => (float)((v - target.Mean) / target.Scale)).ToArray() : null;
        var width = target.Task == TaskKind.Classification ? target.Classes.Count : 1;
        ct.ThrowIfCancellationRequested();
        var data = new HostFitData(x, train.Count, features, train.LabelIds, standardised, target.Task, width, seed, request.Threads);
        var model = HostModels.Fit(family, data, hp);
        ct.ThrowIfCancellationRequested();
        var trainLoss = TrainLoss(model.Score(x, train.Count), train, standardised, width);
        var metricName = MetricNames.SelectionMetric(target.Task);
        var scoring = Evaluator.Metrics(Evaluator.Outputs(model.Score, job.ScoringRows, width, ct), job.ScoringRows, target);
        var report = new EpochReport(1, trainLoss, scoring.GetValueOrDefault(metricName, double.NaN), metricName);
        onEpoch?.Invoke(report);
        var result = new TrainResult(1, false, false, !double.IsFinite(trainLoss), new[] { report }, report.ValidationScore, 1);
        var finished = new FinishedModel(family, model.ParameterCount, 0,
            rows => Evaluator.Outputs(model.Score, rows, width, ct),
            () => LatencyMeter.Measure(model.Score, features),
            model.Save);
        return new FittedModel(finished, result, null);
    }

    /// <summary>Mean cross-entropy of the training labels, or mean squared error of the standardised targets.</summary>
    private static double TrainLoss(float[] outputs, EncodedRows train, float[]? standardised, int width)
    {
        double sum = 0;
        for (var i = 0; i < train.Count; i++)
        {
            if (standardised is null) sum -= Math.Log(Math.Max(outputs[i * width + train.LabelIds![i]], 1e-15));
            else sum += (outputs[i] - standardised[i]) * (double)(outputs[i] - standardised[i]);
        }
        return sum / Math.Max(1, train.Count);
    }

    private static Tensor? ClassWeights(TrainerSettings settings, EncodedRows train, TargetEncoding target, Device device)
    {
        if (target.Task != TaskKind.Classification || settings.ClassWeight == "none") return null;
        var k = target.Classes.Count;
        var counts = new long[k];
        foreach (var label in train.LabelIds!) counts[label]++;
        var present = counts.Where(c => c > 0).ToArray();
        if (settings.ClassWeight == "auto" && present.Max() < 3 * present.Min()) return null;
        var weights = counts.Select(c => c == 0 ? 0f : (float)(train.Count / (double)(present.Length * c))).ToArray();
        using var cpu = torch.tensor(weights);
        return cpu.to(device);
    }
}
