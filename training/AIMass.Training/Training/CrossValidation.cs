using System.Diagnostics;
using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Data;
using AIMass.Training.Metrics;
using AIMass.Training.Models.Host;
using AIMass.Training.Preprocessing;
using AIMass.Training.Runtime;
using TorchSharp;

namespace AIMass.Training.Training;

/// <summary>
/// k-fold cross-validation of one configuration (see <see cref="TrainingRequest.Folds"/>): the internal test rows are
/// split off with the study's seed, the preprocessing is fitted once on the remaining training rows, the rows are
/// dealt into stratified folds, and each fold model is trained on the other folds and predicts its own. The callback
/// hears the out-of-fold score after each fold. The artifact is the bag of the fold models or a refit on every
/// training row (<see cref="FitStrategies"/>), and keeps the out-of-fold and test predictions for ensemble selection.
/// </summary>
internal static class CrossValidation
{
    public static TrainingOutcome Run(TrainingRequest request, HyperparameterReader hp, string family, Func<EpochReport, EpochDecision>? onEpoch,
        CancellationToken ct, Stopwatch watch)
    {
        if (request.Folds is < 2 or > 20) throw new ArgumentOutOfRangeException("Folds", request.Folds, "Folds must be between 2 and 20 (or 0 for a holdout split).");
        ArgumentNullException.ThrowIfNull(request.Data, "Data");
        var strategy = FitStrategies.For(family, request.FitStrategy);
        var (data, target, image) = (request.Data, request.Target, request.Image);
        image?.Validate();
        if (request.Threads < 1) throw new ArgumentOutOfRangeException("Threads", request.Threads, "Threads must be at least 1.");
        var device = DeviceSelector.Resolve(HostModels.IsHostFamily(family) ? "cpu" : request.Device);
        DatasetValidator.Validate(data, target);
        var kind = request.Task ?? TaskDetector.Detect(data, target);
        torch.set_num_threads(request.Threads);
        var outer = DataSplitter.Split(data, target, kind, 0, request.TestFraction, request.SplitSeed);
        if (request.Repeats is < 1 or > 10) throw new ArgumentOutOfRangeException("Repeats", request.Repeats, "Repeats must be between 1 and 10.");
        // Each repetition deals the rows into other folds (its own seed); a row's out-of-fold output is the mean over them.
        var folds = Enumerable.Range(0, request.Repeats)
            .SelectMany(r => DataSplitter.KFold(data, target, kind, request.Folds, unchecked(request.SplitSeed + 1_000_003 * r), outer.Train))
            .ToList();
        var preprocessing = TabularPreprocessor.Fit(data, target, kind, outer.Train, image);
        var encoding = preprocessing.Target;
        var metricName = MetricNames.SelectionMetric(kind);
        var oof = new OutOfFold(outer.Train, encoding);
        var testSum = new double[outer.Test.Count * encoding.Outputs];
        long[]? testLabels = null;
        double[]? testTargets = null;
        var members = new List<ModelArtifact>();
        var bestEpochs = new List<int>();
        var curve = new List<EpochReport>();
        var trainedRows = new HashSet<int>();
        bool stopped = false, diverged = false;
        var epochs = 0;
        for (var i = 0; i < folds.Count && !stopped; i++)
        {
            ct.ThrowIfCancellationRequested();
            var fold = folds[i];
            var seed = unchecked(request.Seed + 7919 * i);
            using var job = JobContext.FromSplit(data, target, image, device, new DataSplit(fold.Train, fold.Validation, outer.Test), preprocessing, 0, request.TestFraction, request.SplitSeed);
            using var fitted = ModelFitter.Fit(job, hp, family, request, seed, onEpoch: null, ct, keepBestEpoch: false);
            oof.Add(job.Validation, fitted.Finished.Outputs(job.Validation));
            if (job.Test is { } test)
            {
                var outputs = fitted.Finished.Outputs(test);
                for (var j = 0; j < outputs.Length; j++) testSum[j] += outputs[j];
                testLabels ??= test.LabelIds;
                testTargets ??= test.RawTargets;
            }
            var foldOutcome = job.Finish(fitted.Finished, hp.Resolved, fitted.Result, seed, teacher: null, watch, TrainingModes.Fold, request.Folds);
            members.Add(foldOutcome.Artifact);
            bestEpochs.Add(fitted.Result.BestEpoch);
            trainedRows.UnionWith(fold.Train);
            diverged |= fitted.Result.Diverged;
            epochs += fitted.Result.EpochsRun;
            var report = new EpochReport(i + 1, fitted.Result.Curve.Count > 0 ? fitted.Result.Curve[^1].TrainLoss : double.NaN,
                oof.Metrics().GetValueOrDefault(metricName, double.NaN), metricName);
            curve.Add(report);
            // Stopping after the last fold changes nothing: the configuration is complete.
            if (onEpoch?.Invoke(report) == EpochDecision.Stop && i < folds.Count - 1) stopped = true;
        }

        var validationMetrics = oof.Metrics();
        var complete = !stopped;
        ModelArtifact artifact;
        if (strategy == FitStrategies.Refit && complete)
        {
            var refitEpochs = (int)Math.Round(bestEpochs.Average());
            using var job = JobContext.FromSplit(data, target, image, device, new DataSplit(outer.Train, Array.Empty<int>(), outer.Test), preprocessing, 0, request.TestFraction, request.SplitSeed);
            using var fitted = ModelFitter.Fit(job, hp, family, request, request.Seed, onEpoch: null, ct, fixedEpochs: refitEpochs);
            var refit = job.Finish(fitted.Finished, hp.Resolved, fitted.Result, request.Seed, teacher: null, watch, TrainingModes.Refit, request.Folds);
            var testOutputs = job.Test is { } test ? fitted.Finished.Outputs(test) : Array.Empty<float>();
            var metadata = refit.Artifact.Metadata with
            {
                ValidationScore = validationMetrics.GetValueOrDefault(metricName, double.NaN),
                ValidationMetrics = validationMetrics,
                ValidationRows = outer.Train.Count,
            };
            artifact = ModelArtifact.Create(metadata, preprocessing, refit.Artifact.Weights)
                .WithPredictions(oof.ToStored(outer.Test, testOutputs, testLabels, testTargets));
            epochs += refit.EpochsRun;
        }
        else
        {
            var testOutputs = Array.ConvertAll(testSum, v => (float)(v / members.Count));
            var testMetrics = outer.Test.Count == 0 ? new Dictionary<string, double>() : Evaluator.Metrics(testOutputs, testLabels, testTargets, encoding);
            var first = members[0].Metadata;
            var metadata = first with
            {
                TrainedAs = TrainingModes.Bagged,
                ValidationScore = validationMetrics.GetValueOrDefault(metricName, double.NaN),
                ValidationMetrics = validationMetrics,
                TestMetrics = testMetrics,
                ParameterCount = members.Sum(m => m.Metadata.ParameterCount),
                LatencyMsPerRow = members.Sum(m => m.Metadata.LatencyMsPerRow),
                LatencyMsPerRowBatch256 = members.Sum(m => m.Metadata.LatencyMsPerRowBatch256),
                EpochsRun = epochs,
                TrainRows = trainedRows.Count,
                ValidationRows = oof.Covered,
                Members = members.Select(m => new MemberInfo(family, 1.0 / members.Count, TrainingModes.Fold, m.Metadata.TrainRows, m.Metadata.ParameterCount)).ToList(),
            };
            artifact = ModelArtifact.CreateComposite(metadata, preprocessing, members,
                complete ? oof.ToStored(outer.Test, testOutputs, testLabels, testTargets) : null);
        }
        return TrainingOutcome.FromArtifact(artifact, curve, stopped, diverged, device.ToString(), watch.Elapsed.TotalSeconds);
    }
}
